// activeUntil: a short first page is the whole list, and then it gives the count's nextExpiry too.
// The identity's AccessGrant nodes, not HAS_ACCESS: they carry the paths and were written together (one short read).
// Filtering after WITH, as kuzu 0.11 otherwise pushes the expiry test into a scan of every grant.
// The effective-access index, minus grants whose every path has expired since it was built.
MATCH (i:Identity {id: $identityId})-[:HAS_GRANT]->(g:AccessGrant)
WITH g
WHERE g.activeUntil IS NULL OR g.activeUntil > $now
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.viaDelegation AS viaDelegation, g.paths AS paths,
       g.lastUsedAt AS lastUsedAt, g.useCount AS useCount, g.activeUntil AS activeUntil
ORDER BY entitlementId
SKIP $skip
LIMIT $limit
