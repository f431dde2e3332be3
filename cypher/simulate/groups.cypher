MATCH (g:AccessGroup)
RETURN g.id AS id, g.name AS name, g.systemId AS systemId
