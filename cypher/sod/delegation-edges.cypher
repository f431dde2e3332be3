// Control through delegation: the delegator controls the delegate (spec: "Control"); the scope says what flows.
MATCH (a:Identity)-[d:DELEGATES_TO]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId, d.expiresAt AS expiresAt, d.scope AS scope
