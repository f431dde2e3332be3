// The justifying paths of some of one identity's pairs (a page read from HAS_ACCESS): its AccessPaths were written together.
MATCH (i:Identity {id: $identityId})-[:JUSTIFIED_BY]->(p:AccessPaths)
WHERE p.entitlementId IN $entitlementIds
RETURN p.identityId AS identityId, p.entitlementId AS entitlementId, p.paths AS paths
