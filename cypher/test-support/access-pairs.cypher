// Test support: every pair of the effective-access index without its paths, one row per identity, in one query: the
// oracle for the risk data, which reads them by pages of identities (cypher/risk/access-pairs-in-range).
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, collect({entitlementId: x.id, activeUntil: h.activeUntil, lastUsedAt: h.lastUsedAt, viaDelegation: h.viaDelegation}) AS held
RETURN i.id AS identityId, held
