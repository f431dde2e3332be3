// The memberships of every account an identity owns, in one query from the identity's primary key
// (src/read/near-miss-reader.ts: per account it was one query each).
MATCH (i:Identity {id: $id})-[:OWNS]->(m:Account)-[e:MEMBER_OF]->(g:AccessGroup)
RETURN i.id AS ownerId, m.id AS memberId, g.id AS groupId, e.expiresAt AS expiresAt
