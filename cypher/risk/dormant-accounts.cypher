// Enabled accounts of identities still on the books with no login since $cutoff; never-logged-in accounts
// count once they were created before it (an account with neither time says nothing, and is left out).
MATCH (i:Identity)-[:OWNS]->(a:Account)
WHERE a.status = $enabled AND i.status <> $terminated
  AND ((a.lastLoginAt IS NOT NULL AND a.lastLoginAt < $cutoff) OR (a.lastLoginAt IS NULL AND a.createdAt < $cutoff))
RETURN i.id AS identityId, a.id AS accountId, a.systemId AS systemId, a.lastLoginAt AS lastLoginAt, a.createdAt AS createdAt
ORDER BY identityId, accountId
