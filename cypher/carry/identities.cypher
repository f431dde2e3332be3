// A rebuild (ingest/bundle/generation/) copies what the run does not replace: every row, the run sorts them out.
MATCH (n:Identity)
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.email AS email, n.emailLower AS emailLower, n.department AS department, n.title AS title, n.managerId AS managerId, n.status AS status, n.ownerId AS ownerId, n.purpose AS purpose, n.createdAt AS createdAt, n.terminatedAt AS terminatedAt, n.attributes AS attributes, n.searchText AS searchText, n.source AS source, n.updateTag AS updateTag
