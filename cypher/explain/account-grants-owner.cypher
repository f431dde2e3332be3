// The grants of one entitlement to any account an identity owns, in one query from the identity's
// primary key (src/read/near-miss-reader.ts: per account it was one query each).
MATCH (i:Identity {id: $id})-[:OWNS]->(h:Account)-[e:GRANTS]->(x:Entitlement {id: $entitlementId})
RETURN i.id AS ownerId, h.id AS holderId, x.id AS entitlementId, e.expiresAt AS expiresAt
