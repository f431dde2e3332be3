// Canonical export (src/export/): systems in id order, one page after $after; keyset paging keeps every read short.
MATCH (n:System)
WHERE n.id > $after
RETURN n.id AS id, n.name AS name, n.criticality AS criticality, n.ownerId AS ownerId, n.source AS source
ORDER BY id
LIMIT $limit
