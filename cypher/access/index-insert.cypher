// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (i:Identity {id: r.identityId})
WITH i, r
MATCH (x:Entitlement {id: r.entitlementId})
CREATE (i)-[h:HAS_ACCESS {viaDelegation: r.viaDelegation, activeUntil: r.activeUntil, lastUsedAt: r.lastUsedAt, useCount: r.useCount}]->(x)
CREATE (i)-[:HAS_GRANT]->(:AccessGrant {id: r.grantId, identityId: i.id, entitlementId: x.id, viaDelegation: h.viaDelegation, activeUntil: h.activeUntil,
                                        lastUsedAt: h.lastUsedAt, useCount: h.useCount, paths: r.paths})
