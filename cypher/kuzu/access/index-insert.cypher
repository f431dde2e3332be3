// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
// The two key lookups are split by WITH (kuzu 0.11 plans them together ~10x slower), and values are read by index k after it (a WITH-carried value used in SET after MERGE fails to evaluate).
UNWIND range(1, size($rows_identityId)) AS k
WITH k, $rows_identityId[k] AS identityId, $rows_entitlementId[k] AS entitlementId
MATCH (i:Identity {id: identityId})
WITH i, entitlementId, k
MATCH (x:Entitlement {id: entitlementId})
CREATE (i)-[h:HAS_ACCESS {viaDelegation: $rows_viaDelegation[k], activeUntil: nullif($rows_activeUntil[k], ''), lastUsedAt: nullif($rows_lastUsedAt[k], ''),
                         useCount: $rows_useCount[k]}]->(x)
// The grant node copies the pair's values from h: a parameter read twice is typed at its first use by kuzu 0.11's binder.
CREATE (i)-[:HAS_GRANT]->(:AccessGrant {id: $rows_grantId[k], identityId: i.id, entitlementId: x.id, viaDelegation: h.viaDelegation,
                                        activeUntil: h.activeUntil, lastUsedAt: h.lastUsedAt, useCount: h.useCount, paths: $rows_paths[k]})
