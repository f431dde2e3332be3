// One key, so kuzu 0.11 uses the primary-key index (account-grants scans): src/read/near-miss-reader.ts picks it for small batches.
MATCH (h:Account {id: $id})-[e:GRANTS]->(x:Entitlement {id: $entitlementId})
RETURN h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
