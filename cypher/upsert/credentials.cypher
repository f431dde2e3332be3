UNWIND $rows AS r
MERGE (n:Credential {id: r.id})
SET n.holderId = r.holderId, n.holderType = r.holderType, n.type = r.type, n.createdAt = r.createdAt,
    n.expiresAt = r.expiresAt, n.lastRotatedAt = r.lastRotatedAt, n.lastUsedAt = r.lastUsedAt,
    n.source = $source, n.updateTag = $tag
