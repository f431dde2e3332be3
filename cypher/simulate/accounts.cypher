// Every account, enabled or not (a simulation may enable one), with the identity that owns it.
MATCH (a:Account)
OPTIONAL MATCH (i:Identity)-[:OWNS]->(a)
RETURN a.id AS id, a.status AS status, a.systemId AS systemId, a.username AS username, i.id AS ownerId
