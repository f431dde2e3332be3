// activeUntil: a short first page is the whole list, and then it gives the count's nextExpiry too.
// Filtering after WITH: kuzu 0.11 pushes the expiry test into a scan of every HAS_ACCESS edge otherwise (5x slower).
// Who has X: a reverse lookup on the index, not a variable-length traversal.
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement {id: $entitlementId})
WITH i, h, x
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN i.id AS identityId, x.id AS entitlementId, h.viaDelegation AS viaDelegation,
       h.lastUsedAt AS lastUsedAt, h.useCount AS useCount, h.activeUntil AS activeUntil
ORDER BY i.id
SKIP $skip
LIMIT $limit
