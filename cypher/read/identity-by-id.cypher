// One key, so kuzu 0.11 uses the primary-key index: UNWIND $ids scans the whole table (17 ms for 1 of 15k identities at M,
// 50 ms for 12 accounts) where this takes about 0.5 ms. src/read/graph-reader.ts picks it for small batches.
MATCH (n:Identity {id: $id})
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.department AS department, n.title AS title, n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt, n.terminatedAt AS terminatedAt, n.attributes AS attributes
