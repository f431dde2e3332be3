// Usage is recorded per account; access is per identity, so fold an identity's accounts together.
MATCH (i:Identity)-[:OWNS]->(a:Account)-[u:USED]->(x:Entitlement)
RETURN i.id AS identityId, x.id AS entitlementId, max(u.lastUsedAt) AS lastUsedAt, sum(u.count) AS useCount
