// A rebuild (ingest/bundle/generation/) copies what the run does not replace: every row, the run sorts them out.
MATCH (n:AccessGroup)
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.description AS description, n.source AS source, n.updateTag AS updateTag
