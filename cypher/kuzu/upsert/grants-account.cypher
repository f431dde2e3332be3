// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_holderId)) AS k
WITH $rows_holderId[k] AS holderId, $rows_entitlementId[k] AS entitlementId, nullif($rows_grantedAt[k], '') AS grantedAt,
     nullif($rows_expiresAt[k], '') AS expiresAt
MATCH (h:Account {id: holderId}), (x:Entitlement {id: entitlementId})
MERGE (h)-[e:GRANTS]->(x)
SET e.grantedAt = grantedAt, e.expiresAt = expiresAt, e.source = $source, e.updateTag = $tag
