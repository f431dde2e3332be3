// The copilot's name directory: systems by id and name.
MATCH (n:System)
RETURN n.id AS id, n.name AS name
ORDER BY id
