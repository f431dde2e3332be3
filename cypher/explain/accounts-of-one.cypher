// One key, so kuzu 0.11 uses the primary-key index (accounts-of scans): src/read/near-miss-reader.ts picks it for small batches.
// Every owned account, enabled or not: a disabled one can be the reason access is missing.
MATCH (i:Identity {id: $id})-[:OWNS]->(a:Account)
RETURN i.id AS identityId, a.id AS accountId, a.status AS status
