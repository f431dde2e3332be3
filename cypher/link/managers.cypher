MATCH (n:Identity)
WHERE n.managerId IS NOT NULL
MATCH (m:Identity {id: n.managerId})
MERGE (m)-[:MANAGES]->(n)
