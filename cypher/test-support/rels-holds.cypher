// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Identity)-[:HOLDS]->(c:Credential)
RETURN 'Identity' AS fromLabel, a.id AS fromId, c.id AS toId
UNION ALL
MATCH (a:Account)-[:HOLDS]->(c:Credential)
RETURN 'Account' AS fromLabel, a.id AS fromId, c.id AS toId
