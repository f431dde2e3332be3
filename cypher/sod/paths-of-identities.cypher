// The justifying paths of what some identities hold among some entitlements (the evidence of violations).
// kuzu 0.11: `i.id IN $ids` tests the whole list against every identity (611 ms for 716 ids at L) and a
// plain MATCH from UNWIND to the grants becomes a hash join over every AccessGrant; a key lookup per id then an
// OPTIONAL MATCH walks each identity's own grants (34 ms to find them). The entitlement test comes after WITH, as
// in read/paths-of-holders.
UNWIND $ids AS identityId
MATCH (i:Identity {id: identityId})
OPTIONAL MATCH (i)-[:HAS_GRANT]->(g:AccessGrant)
WITH g
WHERE g.entitlementId IN $entitlementIds
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.paths AS paths
