// A rebuild (ingest/bundle/generation/) copies what the run does not replace: every row, the run sorts them out.
MATCH (n:System)
RETURN n.id AS id, n.name AS name, n.criticality AS criticality, n.ownerId AS ownerId, n.source AS source, n.updateTag AS updateTag
