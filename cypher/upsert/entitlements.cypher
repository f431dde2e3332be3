UNWIND $rows AS r
MERGE (n:Entitlement {id: r.id})
SET n.systemId = r.systemId, n.name = r.name, n.kind = r.kind, n.privileged = r.privileged,
    n.sensitivity = r.sensitivity, n.description = r.description, n.source = $source, n.updateTag = $tag
