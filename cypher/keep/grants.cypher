// A full run keeps what its rejected records name: a typo must not read as "revoked".
UNWIND $rows AS r
MATCH (h)-[e:GRANTS]->(x:Entitlement {id: r.entitlementId})
WHERE h.id = r.holderId AND e.source = $source
SET e.updateTag = $tag
