// Filtering after WITH: kuzu 0.11 pushes the expiry test into a scan of every HAS_ACCESS edge otherwise (5x slower).
// nextExpiry: the earliest moment one of these grants drops out of the answer (null: none expires),
// so a page read now may be served again until then (src/read/access-page-cache.ts).
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement {id: $entitlementId})
WITH i, h, x
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN count(h) AS total, min(h.activeUntil) AS nextExpiry
