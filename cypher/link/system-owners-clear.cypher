MATCH (o:Identity)-[e:OWNS]->(s:System)
WHERE s.ownerId IS NULL OR s.ownerId <> o.id
DELETE e
