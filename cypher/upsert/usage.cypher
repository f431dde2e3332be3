// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (a:Account {id: r.accountId})
WITH a, r
MATCH (x:Entitlement {id: r.entitlementId})
MERGE (a)-[u:USED]->(x)
SET u.lastUsedAt = r.lastUsedAt, u.count = r.count, u.source = $source, u.updateTag = $tag
