// One pair with its paths, from the identity's AccessGrant nodes (a join from HAS_ACCESS scans every grant on kuzu 0.11).
MATCH (i:Identity {id: $identityId})-[:HAS_GRANT]->(g:AccessGrant)
WITH g
WHERE g.entitlementId = $entitlementId AND (g.activeUntil IS NULL OR g.activeUntil > $now)
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.viaDelegation AS viaDelegation, g.paths AS paths,
       g.lastUsedAt AS lastUsedAt, g.useCount AS useCount
