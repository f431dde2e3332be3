// Canonical export (src/export/): accounts in id order, one page after $after; keyset paging keeps every read short.
MATCH (n:Account)
WHERE n.id > $after
RETURN n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail,
       n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt, n.source AS source
ORDER BY id
LIMIT $limit
