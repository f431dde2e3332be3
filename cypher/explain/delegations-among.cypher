// `$within` is the same list as `$ids`: kuzu 0.11.3 segfaults when one list parameter is used twice.
UNWIND $ids AS wanted
MATCH (f:Identity {id: wanted})-[e:DELEGATES_TO]->(t:Identity)
WHERE t.id IN $within
RETURN f.id AS fromId, t.id AS toId, e.scope AS scope, e.expiresAt AS expiresAt
