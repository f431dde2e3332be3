// Who holds any of these entitlements (from the effective-access index), with the justifying paths.
MATCH (p:AccessGrant)
WHERE p.entitlementId IN $entitlementIds
RETURN p.identityId AS identityId, p.entitlementId AS entitlementId, p.paths AS paths
