// A full run keeps what its rejected records name: a typo must not read as "revoked".
UNWIND $ids AS wanted
MATCH (n:System {id: wanted})
WHERE n.source = $source
SET n.updateTag = $tag
