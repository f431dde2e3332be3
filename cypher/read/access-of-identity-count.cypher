MATCH (i:Identity {id: $identityId})-[h:HAS_ACCESS]->(:Entitlement)
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN count(h) AS total
