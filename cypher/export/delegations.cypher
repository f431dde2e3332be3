// Canonical export (src/export/): delegations, paged by Identity id after $after (all the page's
// Identity nodes come back, each with nulls when it has none, so the last row is the next cursor).
MATCH (a:Identity)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:DELEGATES_TO]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId, e.scope AS scope, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.purpose AS purpose, e.source AS source
ORDER BY fromId, toId
