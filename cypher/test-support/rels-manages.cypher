// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Identity)-[:MANAGES]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId
ORDER BY fromId, toId
