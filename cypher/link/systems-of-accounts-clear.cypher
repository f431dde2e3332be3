MATCH (n:Account)-[e:ON_SYSTEM]->(s:System)
WHERE n.systemId <> s.id
DELETE e
