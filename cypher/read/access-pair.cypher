// Filtering after WITH: kuzu 0.11 pushes the expiry test into a scan of every HAS_ACCESS edge otherwise (5x slower).
MATCH (i:Identity {id: $identityId})-[h:HAS_ACCESS]->(x:Entitlement {id: $entitlementId})
WITH i, h, x
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
MATCH (i)-[:JUSTIFIED_BY]->(p:AccessPaths)
WHERE p.entitlementId = x.id
RETURN i.id AS identityId, x.id AS entitlementId, h.viaDelegation AS viaDelegation, p.paths AS paths,
       h.lastUsedAt AS lastUsedAt, h.useCount AS useCount
