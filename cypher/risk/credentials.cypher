// Every credential with its holder: an identity, or an account and the identity that owns it (if any).
MATCH (c:Credential)
OPTIONAL MATCH (hi:Identity)-[:HOLDS]->(c)
OPTIONAL MATCH (ha:Account)-[:HOLDS]->(c)
OPTIONAL MATCH (ho:Identity)-[:OWNS]->(ha)
RETURN c.id AS id, c.type AS type, c.createdAt AS createdAt, c.expiresAt AS expiresAt, c.lastRotatedAt AS lastRotatedAt,
       hi.id AS holderIdentityId, hi.kind AS holderIdentityKind, ha.id AS holderAccountId, ha.systemId AS systemId,
       ho.id AS accountOwnerId, ho.kind AS accountOwnerKind
ORDER BY id
