UNWIND $rows AS r
MATCH (h:Account {id: r.holderId}), (x:Entitlement {id: r.entitlementId})
MERGE (h)-[e:GRANTS]->(x)
SET e.grantedAt = r.grantedAt, e.expiresAt = r.expiresAt, e.source = $source, e.updateTag = $tag
