// The whole effective-access index in a stable order: for exports and for comparing two graphs.
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
MATCH (i)-[:HAS_GRANT]->(p:AccessGrant)
WHERE p.entitlementId = x.id
RETURN i.id AS identityId, x.id AS entitlementId, h.viaDelegation AS viaDelegation, h.activeUntil AS activeUntil,
       h.lastUsedAt AS lastUsedAt, h.useCount AS useCount, p.paths AS paths
ORDER BY identityId, entitlementId
