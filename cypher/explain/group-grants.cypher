UNWIND $ids AS wanted
MATCH (h:AccessGroup {id: wanted})-[e:GRANTS]->(x:Entitlement {id: $entitlementId})
RETURN h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
