// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
// The pair's paths come from its AccessGrant node; the node's id is left out (it numbers, it does not say anything).
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
MATCH (i)-[:HAS_GRANT]->(p:AccessGrant)
WHERE p.entitlementId = x.id
RETURN i.id AS fromId, x.id AS toId, h.viaDelegation AS viaDelegation, h.activeUntil AS activeUntil, h.lastUsedAt AS lastUsedAt, h.useCount AS useCount, p.paths AS paths
ORDER BY fromId, toId
