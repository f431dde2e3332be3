// whohas extension (docs/decisions.md): one DECIDED edge per identity and entitlement, the latest decision.
// Key lookups split by WITH: the same plan on Neo4j; kuzu 0.11 plans `MATCH (a {id}), (b {id})` after UNWIND ~10x slower.
UNWIND $rows AS r
MATCH (i:Identity {id: r.identityId})
WITH i, r
MATCH (x:Entitlement {id: r.entitlementId})
MERGE (i)-[d:DECIDED]->(x)
SET d.outcome = r.outcome, d.kind = r.kind, d.decidedAt = r.decidedAt, d.decidedBy = r.decidedBy, d.reason = r.reason,
    d.source = $source, d.updateTag = $tag
