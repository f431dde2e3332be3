// Canonical export (src/export/): grants to groups, paged by AccessGroup id after $after (all the page's
// AccessGroup nodes come back, each with nulls when it has none, so the last row is the next cursor).
MATCH (a:AccessGroup)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:GRANTS]->(b:Entitlement)
RETURN a.id AS holderId, b.id AS entitlementId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source
ORDER BY holderId, entitlementId
