// Every pair of the effective-access index without its paths, for the identities with ids after $after up to $last
// (a page from src/read/identity-ranges.ts), one row per identity (as cypher/peers/holdings-in-range: kuzu 0.11
// converts a list item much faster than a row). By pages: all 4M pairs of L in one query peaked at 1.6 GB RSS.
// A key range, not UNWIND of the page's ids (see cypher/risk/export-access-of-identities). Expiry is applied in TypeScript.
MATCH (i:Identity)
WHERE i.id > $after AND i.id <= $last
MATCH (i)-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, collect({entitlementId: x.id, activeUntil: h.activeUntil, lastUsedAt: h.lastUsedAt, viaDelegation: h.viaDelegation}) AS held
RETURN i.id AS identityId, held
