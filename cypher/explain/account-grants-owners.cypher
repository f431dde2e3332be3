// account-grants-owner for many identities at once (a scan on kuzu 0.11: only past SINGLE_KEY_BATCH).
UNWIND $ids AS wanted
MATCH (i:Identity {id: wanted})-[:OWNS]->(h:Account)-[e:GRANTS]->(x:Entitlement {id: $entitlementId})
RETURN i.id AS ownerId, h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
