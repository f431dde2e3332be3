// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
// The two key lookups are split by WITH (kuzu 0.11 plans them together ~10x slower), and values are read by index k after it (a WITH-carried value used in SET after MERGE fails to evaluate).
UNWIND range(1, size($rows_accountId)) AS k
WITH k, $rows_accountId[k] AS accountId, $rows_entitlementId[k] AS entitlementId
MATCH (a:Account {id: accountId})
WITH a, entitlementId, k
MATCH (x:Entitlement {id: entitlementId})
MERGE (a)-[u:USED]->(x)
SET u.lastUsedAt = $rows_lastUsedAt[k], u.count = $rows_count[k], u.source = $source, u.updateTag = $tag
