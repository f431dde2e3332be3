// Past request and review decisions (whohas extension, docs/decisions.md), one row per identity (see peers/holdings-in-range).
MATCH (i:Identity)-[d:DECIDED]->(x:Entitlement)
WITH i, collect({entitlementId: x.id, outcome: d.outcome, kind: d.kind, decidedAt: d.decidedAt, decidedBy: d.decidedBy, reason: d.reason}) AS decided
RETURN i.id AS identityId, decided
