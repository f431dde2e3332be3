// Who holds any of these entitlements, from the pairs of the effective-access index alone: no paths, so a full
// scan reads three small columns per holding and fetches the evidence only for the violations it finds.
MATCH (x:Entitlement)
WHERE x.id IN $entitlementIds
WITH x
MATCH (i:Identity)-[h:HAS_ACCESS]->(x)
RETURN i.id AS identityId, x.id AS entitlementId, h.activeUntil AS activeUntil
