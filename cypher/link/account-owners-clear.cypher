MATCH (i:Identity)-[e:OWNS]->(a:Account)
WHERE a.identityId IS NULL OR a.identityId <> i.id
DELETE e
