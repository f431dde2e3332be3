// Ownership is a property of the account record; the edge is derived so either side may arrive first.
MATCH (a:Account)
WHERE a.identityId IS NOT NULL
MATCH (i:Identity {id: a.identityId})
MERGE (i)-[:OWNS]->(a)
