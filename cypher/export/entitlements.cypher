// Canonical export (src/export/): entitlements in id order, one page after $after; keyset paging keeps every read short.
MATCH (n:Entitlement)
WHERE n.id > $after
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.privileged AS privileged,
       n.sensitivity AS sensitivity, n.description AS description, n.source AS source
ORDER BY id
LIMIT $limit
