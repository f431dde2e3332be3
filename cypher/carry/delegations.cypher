// A rebuild copies delegations a run leaves as they were (unchanged, rejected, other sources) with their update tags.
MATCH (a:Identity)-[e:DELEGATES_TO]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId, e.scope AS scope, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.purpose AS purpose, e.source AS source, e.updateTag AS updateTag
