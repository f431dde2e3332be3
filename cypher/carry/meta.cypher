// A rebuild (ingest/bundle/generation/) carries the run history, settings and risk history into the new graph as they are.
MATCH (n:GraphMeta)
RETURN n.key AS key, n.value AS value, n.seq AS seq
