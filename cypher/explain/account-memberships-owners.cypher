// account-memberships-owner for many identities at once (a scan on kuzu 0.11: only past SINGLE_KEY_BATCH).
UNWIND $ids AS wanted
MATCH (i:Identity {id: wanted})-[:OWNS]->(m:Account)-[e:MEMBER_OF]->(g:AccessGroup)
RETURN i.id AS ownerId, m.id AS memberId, g.id AS groupId, e.expiresAt AS expiresAt
