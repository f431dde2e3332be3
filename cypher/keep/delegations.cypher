// A full run keeps what its rejected records name: a typo must not read as "revoked".
UNWIND $rows AS r
MATCH (f:Identity {id: r.fromId})-[e:DELEGATES_TO]->(t:Identity {id: r.toId})
WHERE e.source = $source
SET e.updateTag = $tag
