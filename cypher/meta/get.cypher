MATCH (m:GraphMeta {key: $key})
RETURN m.value AS value, m.seq AS seq
