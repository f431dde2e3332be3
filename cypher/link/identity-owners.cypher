MATCH (n:Identity)
WHERE n.ownerId IS NOT NULL
MATCH (o:Identity {id: n.ownerId})
MERGE (o)-[:OWNS]->(n)
