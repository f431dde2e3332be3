UNWIND $rows AS r
MATCH (h:Account {id: r.holderId}), (c:Credential {id: r.id})
MERGE (h)-[:HOLDS]->(c)
