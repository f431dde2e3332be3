// Batched by DataLoader: one query per request per kind, however many fields ask.
UNWIND $ids AS wanted
MATCH (n:Identity {id: wanted})
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.department AS department, n.title AS title, n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt, n.terminatedAt AS terminatedAt, n.attributes AS attributes
