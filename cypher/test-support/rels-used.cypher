// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (a:Account)-[e:USED]->(x:Entitlement)
RETURN a.id AS fromId, x.id AS toId, e.lastUsedAt AS lastUsedAt, e.count AS count, e.source AS source, e.updateTag AS updateTag
ORDER BY fromId, toId
