// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_identityId)) AS k
WITH $rows_identityId[k] AS identityId, $rows_entitlementId[k] AS entitlementId, $rows_viaDelegation[k] AS viaDelegation,
     nullif($rows_activeUntil[k], '') AS activeUntil, nullif($rows_lastUsedAt[k], '') AS lastUsedAt,
     $rows_useCount[k] AS useCount, $rows_paths[k] AS paths
MATCH (i:Identity {id: identityId}), (x:Entitlement {id: entitlementId})
CREATE (i)-[:HAS_ACCESS {viaDelegation: viaDelegation, activeUntil: activeUntil, lastUsedAt: lastUsedAt, useCount: useCount, paths: paths}]->(x)
