// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Account)-[:ON_SYSTEM]->(s:System)
RETURN 'Account' AS fromLabel, a.id AS fromId, s.id AS toId
UNION ALL
MATCH (a:AccessGroup)-[:ON_SYSTEM]->(s:System)
RETURN 'AccessGroup' AS fromLabel, a.id AS fromId, s.id AS toId
UNION ALL
MATCH (a:Entitlement)-[:ON_SYSTEM]->(s:System)
RETURN 'Entitlement' AS fromLabel, a.id AS fromId, s.id AS toId
