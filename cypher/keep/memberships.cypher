// A full run keeps what its rejected records name: a typo must not read as "revoked".
UNWIND $rows AS r
MATCH (m)-[e:MEMBER_OF]->(g:AccessGroup {id: r.groupId})
WHERE m.id = r.memberId AND e.source = $source
SET e.updateTag = $tag
