MATCH (f:Identity)-[e:DELEGATES_TO]->(t:Identity)
RETURN f.id AS fromId, t.id AS toId, e.scope AS scope, e.expiresAt AS expiresAt
