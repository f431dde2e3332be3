// Every filter is optional: a null parameter switches its condition off.
MATCH (n:Identity)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($department IS NULL OR n.department = $department)
  AND ($text IS NULL OR n.searchText CONTAINS $text)
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.department AS department, n.title AS title, n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt, n.terminatedAt AS terminatedAt, n.attributes AS attributes
ORDER BY n.id
SKIP $skip
LIMIT $limit
