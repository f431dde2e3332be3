// Benchmark baseline (bench/naive.ts), never committed: the naive what-if deletes the edge inside a transaction it rolls back.
MATCH (m {id: $memberId})-[r:MEMBER_OF]->(g:AccessGroup {id: $groupId})
DELETE r
