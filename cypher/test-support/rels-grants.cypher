// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Account)-[e:GRANTS]->(x:Entitlement)
RETURN 'Account' AS fromLabel, a.id AS fromId, x.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
UNION ALL
MATCH (a:AccessGroup)-[e:GRANTS]->(x:Entitlement)
RETURN 'AccessGroup' AS fromLabel, a.id AS fromId, x.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
