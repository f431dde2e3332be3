// Benchmark baseline (bench/naive.ts), never served: who holds one side of a SoD rule and the other, by two walks.
MATCH (i:Identity)-[:OWNS]->(:Account)-[:MEMBER_OF*0..6]->()-[:GRANTS]->(l:Entitlement)
WHERE l.id IN $left
WITH DISTINCT i
MATCH (i)-[:OWNS]->(:Account)-[:MEMBER_OF*0..6]->()-[:GRANTS]->(r:Entitlement)
WHERE r.id IN $right
RETURN DISTINCT i.id AS identityId
