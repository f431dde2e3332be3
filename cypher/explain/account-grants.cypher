UNWIND $ids AS wanted
MATCH (h:Account {id: wanted})-[e:GRANTS]->(x:Entitlement {id: $entitlementId})
RETURN h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
