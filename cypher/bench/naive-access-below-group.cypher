// Benchmark baseline (bench/naive.ts), never served: the whole access of everyone under a group, the naive what-if's before/after read.
MATCH (i:Identity)-[:OWNS]->(:Account)-[:MEMBER_OF*1..6]->(:AccessGroup {id: $groupId})
WITH DISTINCT i
MATCH (i)-[:OWNS]->(:Account)-[:MEMBER_OF*0..6]->()-[:GRANTS]->(e:Entitlement)
RETURN i.id AS identityId, count(DISTINCT e.id) AS entitlements
