// The copilot's name directory: groups and roles by id and name.
MATCH (n:AccessGroup)
RETURN n.id AS id, n.name AS name, n.systemId AS systemId
ORDER BY id
