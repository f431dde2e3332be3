UNWIND $rows AS r
MERGE (n:Account {id: r.id})
SET n.systemId = r.systemId, n.identityId = r.identityId, n.identityEmail = r.identityEmail, n.username = r.username,
    n.status = r.status, n.createdAt = r.createdAt, n.lastLoginAt = r.lastLoginAt, n.source = $source, n.updateTag = $tag
