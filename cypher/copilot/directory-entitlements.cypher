// The copilot's name directory: entitlements by id and name.
MATCH (n:Entitlement)
RETURN n.id AS id, n.name AS name, n.systemId AS systemId, n.privileged AS privileged
ORDER BY id
