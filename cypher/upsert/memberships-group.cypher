// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (m:AccessGroup {id: r.memberId})
WITH m, r
MATCH (g:AccessGroup {id: r.groupId})
MERGE (m)-[e:MEMBER_OF]->(g)
SET e.grantedAt = r.grantedAt, e.expiresAt = r.expiresAt, e.source = $source, e.updateTag = $tag
