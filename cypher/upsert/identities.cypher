UNWIND $rows AS r
MERGE (n:Identity {id: r.id})
SET n.kind = r.kind, n.displayName = r.displayName, n.email = r.email, n.emailLower = r.emailLower,
    n.department = r.department, n.title = r.title, n.managerId = r.managerId, n.status = r.status,
    n.ownerId = r.ownerId, n.purpose = r.purpose, n.createdAt = r.createdAt, n.terminatedAt = r.terminatedAt,
    n.attributes = r.attributes, n.searchText = r.searchText, n.source = $source, n.updateTag = $tag
