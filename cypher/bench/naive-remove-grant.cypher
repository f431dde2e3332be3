// Benchmark baseline (bench/naive.ts), never committed: the naive what-if deletes the grant inside a transaction it rolls back.
MATCH (g:AccessGroup {id: $groupId})-[r:GRANTS]->(e:Entitlement {id: $entitlementId})
DELETE r
