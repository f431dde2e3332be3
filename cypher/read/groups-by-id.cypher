// Batched by DataLoader: one query per request per kind, however many fields ask.
UNWIND $ids AS wanted
MATCH (n:AccessGroup {id: wanted})
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.description AS description
