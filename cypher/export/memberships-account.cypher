// Canonical export (src/export/): memberships of accounts, paged by Account id after $after (all the page's
// Account nodes come back, each with nulls when it has none, so the last row is the next cursor).
MATCH (a:Account)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:MEMBER_OF]->(b:AccessGroup)
RETURN a.id AS memberId, b.id AS groupId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source
ORDER BY memberId, groupId
