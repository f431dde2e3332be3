UNWIND $rows AS r
MERGE (n:AccessGroup {id: r.id})
SET n.systemId = r.systemId, n.name = r.name, n.kind = r.kind, n.description = r.description,
    n.source = $source, n.updateTag = $tag
