// The owner comes from the OWNS edge (the account's identityId is its raw source value).
UNWIND $ids AS wanted
MATCH (i:Identity {id: wanted})-[:OWNS]->(n:Account)
RETURN i.id AS ownerId, n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail,
       n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt
ORDER BY id
