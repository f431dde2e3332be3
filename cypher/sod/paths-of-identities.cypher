// The justifying paths of what some identities hold among some entitlements: one identity's grants are stored
// together (src/access/rebuild-index.ts), so this reads those identities' grants, not the whole index. The
// entitlement test comes after WITH, as in read/paths-of-holders, so kuzu 0.11 does not push it into a scan.
MATCH (i:Identity)
WHERE i.id IN $identityIds
WITH i
MATCH (i)-[:HAS_GRANT]->(g:AccessGrant)
WITH g
WHERE g.entitlementId IN $entitlementIds
RETURN g.identityId AS identityId, g.entitlementId AS entitlementId, g.paths AS paths
