UNWIND $ids AS wanted
MATCH (m:Account {id: wanted})-[e:MEMBER_OF]->(g:AccessGroup)
RETURN m.id AS memberId, g.id AS groupId, e.expiresAt AS expiresAt
