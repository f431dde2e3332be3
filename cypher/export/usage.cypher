MATCH (a:Account)-[u:USED]->(x:Entitlement)
RETURN a.id AS accountId, x.id AS entitlementId, u.lastUsedAt AS lastUsedAt, u.count AS count, u.source AS source
ORDER BY accountId, entitlementId
