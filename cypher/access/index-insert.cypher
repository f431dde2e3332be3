UNWIND $rows AS r
MATCH (i:Identity {id: r.identityId}), (x:Entitlement {id: r.entitlementId})
CREATE (i)-[:HAS_ACCESS {viaDelegation: r.viaDelegation, activeUntil: r.activeUntil, lastUsedAt: r.lastUsedAt, useCount: r.useCount, paths: r.paths}]->(x)
