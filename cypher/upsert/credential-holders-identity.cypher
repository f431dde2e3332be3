// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (h:Identity {id: r.holderId})
WITH h, r
MATCH (c:Credential {id: r.id})
MERGE (h)-[:HOLDS]->(c)
