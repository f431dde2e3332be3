// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_memberId)) AS k
WITH $rows_memberId[k] AS memberId, $rows_groupId[k] AS groupId, nullif($rows_grantedAt[k], '') AS grantedAt,
     nullif($rows_expiresAt[k], '') AS expiresAt
MATCH (m:AccessGroup {id: memberId}), (g:AccessGroup {id: groupId})
MERGE (m)-[e:MEMBER_OF]->(g)
SET e.grantedAt = grantedAt, e.expiresAt = expiresAt, e.source = $source, e.updateTag = $tag
