MATCH (i:Identity {id: $identityId})-[h:HAS_ACCESS]->(x:Entitlement {id: $entitlementId})
WHERE h.activeUntil IS NULL OR h.activeUntil > $now
RETURN i.id AS identityId, x.id AS entitlementId, h.viaDelegation AS viaDelegation, h.paths AS paths,
       h.lastUsedAt AS lastUsedAt, h.useCount AS useCount
