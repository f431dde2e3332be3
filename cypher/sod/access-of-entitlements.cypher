// Who holds any of these entitlements (from the effective-access index), with the justifying paths.
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
WHERE x.id IN $entitlementIds
RETURN i.id AS identityId, x.id AS entitlementId, h.activeUntil AS activeUntil, h.paths AS paths
