// Benchmark baseline (bench/naive.ts), never served: who of one kind, department and title holds what (coverage is counted from the rows).
MATCH (p:Identity)
WHERE p.kind = $kind AND p.department = $department AND p.title = $title
MATCH (p)-[:OWNS]->(:Account)-[:MEMBER_OF*1..6]->(:AccessGroup)-[:GRANTS]->(e:Entitlement)
RETURN DISTINCT p.id AS identityId, e.id AS entitlementId
UNION
MATCH (p:Identity)
WHERE p.kind = $kind AND p.department = $department AND p.title = $title
MATCH (p)-[:OWNS]->(:Account)-[:GRANTS]->(e:Entitlement)
RETURN DISTINCT p.id AS identityId, e.id AS entitlementId
