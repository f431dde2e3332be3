// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Account)-[e:MEMBER_OF]->(g:AccessGroup)
RETURN 'Account' AS fromLabel, a.id AS fromId, g.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
UNION ALL
MATCH (a:AccessGroup)-[e:MEMBER_OF]->(g:AccessGroup)
RETURN 'AccessGroup' AS fromLabel, a.id AS fromId, g.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
