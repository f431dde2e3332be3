// Canonical export (src/export/): decisions (whohas extension, docs/decisions.md), paged by Identity id after $after (all the page's
// Identity nodes come back, each with nulls when it has none, so the last row is the next cursor).
MATCH (a:Identity)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:DECIDED]->(b:Entitlement)
RETURN a.id AS identityId, b.id AS entitlementId, e.outcome AS outcome, e.kind AS kind, e.decidedAt AS decidedAt, e.decidedBy AS decidedBy, e.reason AS reason, e.source AS source
ORDER BY identityId, entitlementId
