// One key, so kuzu 0.11 uses the primary-key index (account-memberships scans): src/read/near-miss-reader.ts picks it for small batches.
MATCH (m:Account {id: $id})-[e:MEMBER_OF]->(g:AccessGroup)
RETURN m.id AS memberId, g.id AS groupId, e.expiresAt AS expiresAt
