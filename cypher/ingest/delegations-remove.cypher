// A full run's cleanup of delegations, by key: unchanged ones are not rewritten, so they keep an older updateTag.
UNWIND $rows AS r
MATCH (f:Identity {id: r.fromId})
WITH f, r
MATCH (f)-[d:DELEGATES_TO]->(t:Identity {id: r.toId})
WHERE d.source = $source
DELETE d
RETURN count(*) AS removed
