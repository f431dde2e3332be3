// Every identity with what a what-if answer needs to name and classify it.
MATCH (i:Identity)
RETURN i.id AS id, i.kind AS kind, i.status AS status, i.displayName AS displayName, i.ownerId AS ownerId, i.department AS department
