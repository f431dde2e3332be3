// Store contract: read back, ordered and paged (integer params in SKIP / LIMIT).
MATCH (i:Identity)
WHERE i.id STARTS WITH $prefix
RETURN i.id AS id, i.displayName AS displayName, i.department AS department, i.updateTag AS updateTag
ORDER BY id
SKIP $skip
LIMIT $limit
