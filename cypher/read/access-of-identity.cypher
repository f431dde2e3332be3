// activeUntil: a short first page is the whole list, and then it gives the count's nextExpiry too.
// Filtering after WITH: kuzu 0.11 pushes the expiry test into a scan of every HAS_ACCESS edge otherwise (5x slower).
// The effective-access index, minus grants whose every path has expired since it was built.
MATCH (i:Identity {id: $identityId})-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, h, x
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN i.id AS identityId, x.id AS entitlementId, h.viaDelegation AS viaDelegation,
       h.lastUsedAt AS lastUsedAt, h.useCount AS useCount, h.activeUntil AS activeUntil
ORDER BY x.id
SKIP $skip
LIMIT $limit
