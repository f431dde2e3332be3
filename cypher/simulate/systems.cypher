MATCH (s:System)
RETURN s.id AS id, s.name AS name
