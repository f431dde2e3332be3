// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Identity)-[e:DELEGATES_TO]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId, e.scope AS scope, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.purpose AS purpose, e.source AS source, e.updateTag AS updateTag
ORDER BY fromId, toId
