// Enabled accounts that no known identity owns (spec: an account naming no identity, or an unknown one, is unowned).
MATCH (a:Account)
WHERE a.status = $enabled
OPTIONAL MATCH (i:Identity)-[:OWNS]->(a)
WITH a, i
WHERE i IS NULL
RETURN a.id AS accountId, a.systemId AS systemId, a.username AS username, a.lastLoginAt AS lastLoginAt
ORDER BY accountId
