// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Identity)-[:OWNS]->(b:Account)
RETURN 'Account' AS toLabel, a.id AS fromId, b.id AS toId
UNION ALL
MATCH (a:Identity)-[:OWNS]->(b:Identity)
RETURN 'Identity' AS toLabel, a.id AS fromId, b.id AS toId
UNION ALL
MATCH (a:Identity)-[:OWNS]->(b:System)
RETURN 'System' AS toLabel, a.id AS fromId, b.id AS toId
