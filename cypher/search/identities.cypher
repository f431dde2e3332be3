// The console's search box: exact id or email first, then names that start with the text, then the rest.
MATCH (n:Identity)
WHERE n.searchText CONTAINS $text
WITH n, CASE WHEN lower(n.id) = $text OR n.emailLower = $text THEN 0 WHEN lower(n.displayName) STARTS WITH $text THEN 1 ELSE 2 END AS rank
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.department AS department, n.title AS title, n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt, n.terminatedAt AS terminatedAt, n.attributes AS attributes, rank
ORDER BY rank, n.displayName, n.id
LIMIT $limit
