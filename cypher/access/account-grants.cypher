MATCH (h:Account)-[e:GRANTS]->(x:Entitlement)
RETURN h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
