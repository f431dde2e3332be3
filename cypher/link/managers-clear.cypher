MATCH (m:Identity)-[e:MANAGES]->(n:Identity)
WHERE n.managerId IS NULL OR n.managerId <> m.id
DELETE e
