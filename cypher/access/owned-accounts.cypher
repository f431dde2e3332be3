// Accounts that can confer access: owned and enabled (a disabled account confers nothing).
MATCH (i:Identity)-[:OWNS]->(a:Account)
WHERE a.status = $enabledStatus
RETURN i.id AS identityId, a.id AS accountId
