// Current aggregates for the pairs a run brings, so re-ingesting the same events adds nothing.
UNWIND $rows AS p
MATCH (a:Account {id: p.accountId})-[u:USED]->(x:Entitlement {id: p.entitlementId})
RETURN a.id AS accountId, x.id AS entitlementId, u.lastUsedAt AS lastUsedAt, u.count AS count
