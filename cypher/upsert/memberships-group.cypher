UNWIND $rows AS r
MATCH (m:AccessGroup {id: r.memberId}), (g:AccessGroup {id: r.groupId})
MERGE (m)-[e:MEMBER_OF]->(g)
SET e.grantedAt = r.grantedAt, e.expiresAt = r.expiresAt, e.source = $source, e.updateTag = $tag
