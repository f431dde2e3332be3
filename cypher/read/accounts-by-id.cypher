// Batched by DataLoader: one query per request per kind, however many fields ask.
UNWIND $ids AS wanted
MATCH (n:Account {id: wanted})
RETURN n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail, n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt
