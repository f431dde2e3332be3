// Benchmark baseline (bench/naive.ts), never served: what can X access, as Cartography or BloodHound users write it,
// a variable-length walk of memberships at read time (no expiry, status or delegation rules, so it does less than the index).
// Two labelled branches: 15x faster on kuzu 0.11 than one `MEMBER_OF*0..6` walk to an unlabelled node (0.35 s against 5 s at M).
MATCH (i:Identity {id: $identityId})-[:OWNS]->(:Account)-[:MEMBER_OF*1..6]->(:AccessGroup)-[:GRANTS]->(e:Entitlement)
RETURN DISTINCT e.id AS entitlementId
UNION
MATCH (i:Identity {id: $identityId})-[:OWNS]->(:Account)-[:GRANTS]->(e:Entitlement)
RETURN DISTINCT e.id AS entitlementId
