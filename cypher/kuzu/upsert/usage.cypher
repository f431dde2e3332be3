// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_accountId)) AS k
WITH $rows_accountId[k] AS accountId, $rows_entitlementId[k] AS entitlementId, $rows_lastUsedAt[k] AS lastUsedAt,
     $rows_count[k] AS useCount
MATCH (a:Account {id: accountId}), (x:Entitlement {id: entitlementId})
MERGE (a)-[u:USED]->(x)
SET u.lastUsedAt = lastUsedAt, u.count = useCount, u.source = $source, u.updateTag = $tag
