// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (i:Identity {id: r.identityId})
WITH i, r
MATCH (x:Entitlement {id: r.entitlementId})
CREATE (i)-[:HAS_ACCESS {viaDelegation: r.viaDelegation, activeUntil: r.activeUntil, lastUsedAt: r.lastUsedAt, useCount: r.useCount}]->(x)
CREATE (i)-[:JUSTIFIED_BY]->(:AccessPaths {id: r.pathsId, identityId: i.id, entitlementId: x.id, paths: r.paths})
