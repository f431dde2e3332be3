UNWIND $rows AS r
MATCH (f:Identity {id: r.fromId}), (t:Identity {id: r.toId})
MERGE (f)-[e:DELEGATES_TO]->(t)
SET e.scope = r.scope, e.grantedAt = r.grantedAt, e.expiresAt = r.expiresAt, e.purpose = r.purpose,
    e.source = $source, e.updateTag = $tag
