// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (i:Identity)-[h:HAS_ACCESS]->(x:Entitlement)
RETURN i.id AS fromId, x.id AS toId, h.viaDelegation AS viaDelegation, h.activeUntil AS activeUntil, h.lastUsedAt AS lastUsedAt, h.useCount AS useCount, h.paths AS paths
ORDER BY fromId, toId
