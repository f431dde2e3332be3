MATCH (n:AccessGroup)
MATCH (s:System {id: n.systemId})
MERGE (n)-[:ON_SYSTEM]->(s)
