// Identities in id order, a page at a time after $after (keyset paging: each page costs the same however deep).
MATCH (n:Identity)
WHERE n.id > $after
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.department AS department, n.title AS title,
       n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt,
       n.terminatedAt AS terminatedAt, n.attributes AS attributes
ORDER BY id
LIMIT $limit
