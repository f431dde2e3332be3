// The delegations a source supplied before, so an ingest writes only the new and changed ones.
MATCH (f:Identity)-[d:DELEGATES_TO]->(t:Identity)
WHERE d.source = $source
RETURN f.id AS fromId, t.id AS toId, d.scope AS scope, d.grantedAt AS grantedAt, d.expiresAt AS expiresAt, d.purpose AS purpose
