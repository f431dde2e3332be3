// A rebuild (ingest/bundle/generation/) copies other sources' decisions as they are.
MATCH (a:Identity)-[e:DECIDED]->(b:Entitlement)
WHERE coalesce(e.source, '') <> $source
RETURN a.id AS fromId, b.id AS toId, e.outcome AS outcome, e.kind AS kind, e.decidedAt AS decidedAt, e.decidedBy AS decidedBy, e.reason AS reason, e.source AS source, e.updateTag AS updateTag
