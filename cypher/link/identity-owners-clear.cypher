MATCH (o:Identity)-[e:OWNS]->(n:Identity)
WHERE n.ownerId IS NULL OR n.ownerId <> o.id
DELETE e
