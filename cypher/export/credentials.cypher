// Canonical export (src/export/): credentials in id order, one page after $after; keyset paging keeps every read short.
MATCH (n:Credential)
WHERE n.id > $after
RETURN n.id AS id, n.holderId AS holderId, n.holderType AS holderType, n.type AS type, n.createdAt AS createdAt,
       n.expiresAt AS expiresAt, n.lastRotatedAt AS lastRotatedAt, n.lastUsedAt AS lastUsedAt, n.source AS source
ORDER BY id
LIMIT $limit
