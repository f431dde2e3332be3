// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (f:Identity {id: r.fromId})
WITH f, r
MATCH (t:Identity {id: r.toId})
MERGE (f)-[e:DELEGATES_TO]->(t)
SET e.scope = r.scope, e.grantedAt = r.grantedAt, e.expiresAt = r.expiresAt, e.purpose = r.purpose,
    e.source = $source, e.updateTag = $tag
