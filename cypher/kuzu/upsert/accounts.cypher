// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_id)) AS k
WITH $rows_id[k] AS id, $rows_systemId[k] AS systemId, nullif($rows_identityId[k], '') AS identityId,
     nullif($rows_identityEmail[k], '') AS identityEmail, nullif($rows_username[k], '') AS username, $rows_status[k] AS status,
     nullif($rows_createdAt[k], '') AS createdAt, nullif($rows_lastLoginAt[k], '') AS lastLoginAt
MERGE (n:Account {id: id})
SET n.systemId = systemId, n.identityId = identityId, n.identityEmail = identityEmail, n.username = username,
    n.status = status, n.createdAt = createdAt, n.lastLoginAt = lastLoginAt, n.source = $source, n.updateTag = $tag
