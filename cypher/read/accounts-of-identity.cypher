// One key, so kuzu 0.11 uses the primary-key index (accounts-of-identities scans): src/read/graph-reader.ts picks it for small batches.
MATCH (i:Identity {id: $id})-[:OWNS]->(n:Account)
RETURN i.id AS ownerId, n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail,
       n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt
ORDER BY id
