// One key, so kuzu 0.11 uses the primary-key index: UNWIND $ids scans the whole table (17 ms for 1 of 15k identities at M,
// 50 ms for 12 accounts) where this takes about 0.5 ms. src/read/graph-reader.ts picks it for small batches.
MATCH (n:AccessGroup {id: $id})
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.description AS description
