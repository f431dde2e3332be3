// A rebuild (ingest/bundle/generation/) copies what the run does not replace: every row, the run sorts them out.
MATCH (n:Account)
RETURN n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail, n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt, n.source AS source, n.updateTag AS updateTag
