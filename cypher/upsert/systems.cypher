UNWIND $rows AS r
MERGE (n:System {id: r.id})
SET n.name = r.name, n.criticality = r.criticality, n.ownerId = r.ownerId, n.source = $source, n.updateTag = $tag
