// Every delegation with its scope and times; which are active is decided in TypeScript against the request's "now".
MATCH (a:Identity)-[d:DELEGATES_TO]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId, d.scope AS scope, d.grantedAt AS grantedAt, d.expiresAt AS expiresAt
ORDER BY fromId, toId
