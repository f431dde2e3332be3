MATCH (:Identity)-[h:HAS_ACCESS]->(x:Entitlement {id: $entitlementId})
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN count(h) AS total
