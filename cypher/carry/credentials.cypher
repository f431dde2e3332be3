// A rebuild (ingest/bundle/generation/) copies what the run does not replace: every row, the run sorts them out.
MATCH (n:Credential)
RETURN n.id AS id, n.holderId AS holderId, n.holderType AS holderType, n.type AS type, n.createdAt AS createdAt, n.expiresAt AS expiresAt, n.lastRotatedAt AS lastRotatedAt, n.lastUsedAt AS lastUsedAt, n.source AS source, n.updateTag AS updateTag
