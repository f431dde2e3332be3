// A rebuild (ingest/bundle/generation/) copies other sources' edges as they are.
MATCH (a:Account)-[e:GRANTS]->(b:Entitlement)
WHERE coalesce(e.source, '') <> $source
RETURN a.id AS fromId, b.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
