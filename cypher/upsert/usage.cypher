UNWIND $rows AS r
MATCH (a:Account {id: r.accountId}), (x:Entitlement {id: r.entitlementId})
MERGE (a)-[u:USED]->(x)
SET u.lastUsedAt = r.lastUsedAt, u.count = r.count, u.source = $source, u.updateTag = $tag
