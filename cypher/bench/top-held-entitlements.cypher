// Benchmark input (bench/run.ts): the entitlements with the most holders in the index, so whoHas is measured where it is hardest.
MATCH (:Identity)-[h:HAS_ACCESS]->(e:Entitlement)
RETURN e.id AS entitlementId, count(h) AS holders
ORDER BY holders DESC, entitlementId
LIMIT $limit
