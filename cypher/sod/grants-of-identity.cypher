// Every grant of one identity with its paths, by key (sod/paths-of-identities is the batched form; src/sod/sod-data.ts
// filters the entitlements, as a list parameter costs more to bind than the few grants it would drop).
MATCH (i:Identity {id: $id})-[:HAS_GRANT]->(g:AccessGrant)
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.paths AS paths
