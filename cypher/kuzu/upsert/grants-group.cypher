// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
// The two key lookups are split by WITH (kuzu 0.11 plans them together ~10x slower), and values are read by index k after it (a WITH-carried value used in SET after MERGE fails to evaluate).
UNWIND range(1, size($rows_holderId)) AS k
WITH k, $rows_holderId[k] AS holderId, $rows_entitlementId[k] AS entitlementId
MATCH (h:AccessGroup {id: holderId})
WITH h, entitlementId, k
MATCH (x:Entitlement {id: entitlementId})
MERGE (h)-[e:GRANTS]->(x)
SET e.grantedAt = nullif($rows_grantedAt[k], ''), e.expiresAt = nullif($rows_expiresAt[k], ''), e.source = $source, e.updateTag = $tag
