// A full run keeps what its rejected records name: a typo must not read as "revoked".
UNWIND $rows AS r
MATCH (a:Account {id: r.accountId})-[e:USED]->(x:Entitlement {id: r.entitlementId})
WHERE e.source = $source
SET e.updateTag = $tag
