// One key, so kuzu 0.11 uses the primary-key index: UNWIND $ids scans the whole table (17 ms for 1 of 15k identities at M,
// 50 ms for 12 accounts) where this takes about 0.5 ms. src/read/graph-reader.ts picks it for small batches.
MATCH (n:Account {id: $id})
RETURN n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail, n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt
