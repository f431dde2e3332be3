// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (n:GraphMeta)
RETURN n.key AS key, n.value AS value, n.seq AS seq
ORDER BY key
