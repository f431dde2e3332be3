UNWIND $ids AS wanted
MATCH (f:Identity)-[d:DELEGATES_TO]->(t:Identity {id: wanted})
RETURN f.id AS fromId, t.id AS toId, d.scope AS scope, d.grantedAt AS grantedAt, d.expiresAt AS expiresAt, d.purpose AS purpose
ORDER BY f.id
