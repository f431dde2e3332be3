// Batched by DataLoader: one query per request per kind, however many fields ask.
UNWIND $ids AS wanted
MATCH (n:System {id: wanted})
RETURN n.id AS id, n.name AS name, n.criticality AS criticality, n.ownerId AS ownerId
