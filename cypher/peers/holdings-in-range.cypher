// Every pair of the effective-access index without its paths, for the identities with ids after $after up to $last
// (a page from src/read/identity-ranges.ts), one row per identity (kuzu 0.11's Node binding converts a row ~4x slower
// than a list item: 0.7 s instead of 2.7 s for 108k pairs). Expiry is applied in TypeScript, where the reader also
// learns when the next pair expires (the cached model is valid until then). By pages: see risk/access-pairs-in-range.
MATCH (i:Identity)
WHERE i.id > $after AND i.id <= $last
MATCH (i)-[h:HAS_ACCESS]->(x:Entitlement)
WITH i, collect({entitlementId: x.id, activeUntil: h.activeUntil, lastUsedAt: h.lastUsedAt, useCount: h.useCount}) AS held
RETURN i.id AS identityId, held
