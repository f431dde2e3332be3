UNWIND $rows AS r
MATCH (h:Identity {id: r.holderId}), (c:Credential {id: r.id})
MERGE (h)-[:HOLDS]->(c)
