// The justifying paths of some holders of one entitlement (a page read from HAS_ACCESS).
MATCH (i:Identity)-[:HAS_GRANT]->(p:AccessGrant)
WHERE i.id IN $identityIds AND p.entitlementId = $entitlementId
RETURN p.identityId AS identityId, p.entitlementId AS entitlementId, p.paths AS paths
