MATCH (s:System)
WHERE s.ownerId IS NOT NULL
MATCH (o:Identity {id: s.ownerId})
MERGE (o)-[:OWNS]->(s)
