MATCH (n:Account)
MATCH (s:System {id: n.systemId})
MERGE (n)-[:ON_SYSTEM]->(s)
