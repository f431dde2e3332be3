// The console's search box over entitlements: exact id first, then name prefix, then the rest.
MATCH (n:Entitlement)
WHERE lower(n.name) CONTAINS $text OR lower(n.id) CONTAINS $text
WITH n, CASE WHEN lower(n.id) = $text THEN 0 WHEN lower(n.name) STARTS WITH $text THEN 1 ELSE 2 END AS rank
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.privileged AS privileged, n.sensitivity AS sensitivity, n.description AS description, rank
ORDER BY rank, n.name, n.id
LIMIT $limit
