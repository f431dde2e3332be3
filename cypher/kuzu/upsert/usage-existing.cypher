// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_accountId)) AS k
WITH $rows_accountId[k] AS accountId, $rows_entitlementId[k] AS entitlementId
MATCH (a:Account {id: accountId})-[u:USED]->(x:Entitlement {id: entitlementId})
RETURN a.id AS accountId, x.id AS entitlementId, u.lastUsedAt AS lastUsedAt, u.count AS count
