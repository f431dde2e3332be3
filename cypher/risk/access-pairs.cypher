// Every pair of the effective-access index without its paths, one row per identity (as cypher/peers/holdings:
// kuzu 0.11 converts a list item much faster than a row). Expiry is applied in TypeScript.
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, collect({entitlementId: x.id, activeUntil: h.activeUntil, lastUsedAt: h.lastUsedAt, viaDelegation: h.viaDelegation}) AS held
RETURN i.id AS identityId, held
