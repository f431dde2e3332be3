// A rebuild writes each delegation with its own source and update tag (unchanged ones keep theirs); a list property cannot travel through a bulk load's CSV.
UNWIND $rows AS r
MATCH (f:Identity {id: r.fromId})
WITH f, r
MATCH (t:Identity {id: r.toId})
CREATE (f)-[:DELEGATES_TO {scope: r.scope, grantedAt: r.grantedAt, expiresAt: r.expiresAt, purpose: r.purpose, source: r.source, updateTag: r.updateTag}]->(t)
