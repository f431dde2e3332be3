// The justifying paths of some holders of one entitlement (a page read from HAS_ACCESS).
// Filtering after WITH: in the MATCH's WHERE, kuzu 0.11 pushes the entitlement test into a scan of every AccessGrant
// (546 ms for 50 holders at L, against 42 ms this way).
MATCH (i:Identity)-[:HAS_GRANT]->(g:AccessGrant)
WHERE i.id IN $identityIds
WITH g
WHERE g.entitlementId = $entitlementId
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.paths AS paths
