// Enabled accounts still owned by a terminated identity.
MATCH (i:Identity)-[:OWNS]->(a:Account)
WHERE i.status = $terminated AND a.status = $enabled
RETURN i.id AS identityId, i.terminatedAt AS terminatedAt, a.id AS accountId, a.systemId AS systemId, a.lastLoginAt AS lastLoginAt
ORDER BY identityId, accountId
