MATCH (n:AccessGroup)-[e:ON_SYSTEM]->(s:System)
WHERE n.systemId <> s.id
DELETE e
