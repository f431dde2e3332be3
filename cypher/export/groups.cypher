// Canonical export (src/export/): groups in id order, one page after $after; keyset paging keeps every read short.
MATCH (n:AccessGroup)
WHERE n.id > $after
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.description AS description, n.source AS source
ORDER BY id
LIMIT $limit
