// Canonical export (src/export/): usage (one aggregate per account and entitlement), paged by Account id after $after (all the page's
// Account nodes come back, each with nulls when it has none, so the last row is the next cursor).
MATCH (a:Account)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:USED]->(b:Entitlement)
RETURN a.id AS accountId, b.id AS entitlementId, e.lastUsedAt AS lastUsedAt, e.count AS count, e.source AS source
ORDER BY accountId, entitlementId
