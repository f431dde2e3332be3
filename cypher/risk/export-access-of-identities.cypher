// The effective-access index of one page of identities (ids after $after up to $last), with the entitlement facts
// a BI table wants beside each pair. A key range, not UNWIND of the page's ids: kuzu 0.11 plans the UNWIND form as
// a hash join over every HAS_ACCESS edge, which needs the whole index in the page cache.
// Expiry is tested after WITH, as in cypher/read/access-of-identity; collected per identity because kuzu 0.11
// converts list items 2-3x faster than rows (as cypher/peers/holdings-in-range).
MATCH (i:Identity)
WHERE i.id > $after AND i.id <= $last
MATCH (i)-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, h, x
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
MATCH (i)-[:HAS_GRANT]->(p:AccessGrant)
WHERE p.entitlementId = x.id
WITH i, collect({entitlementId: x.id, entitlementName: x.name, systemId: x.systemId, privileged: x.privileged, sensitivity: x.sensitivity,
                 lastUsedAt: h.lastUsedAt, useCount: h.useCount, paths: p.paths}) AS held
RETURN i.id AS identityId, i.kind AS identityKind, held
ORDER BY identityId
