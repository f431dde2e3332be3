// Every account's system and status, one row per owner (identityId null: the accounts nobody owns), for the
// metrics. Collected per owner because kuzu 0.11 converts list items much faster than rows (3x here).
MATCH (a:Account)
OPTIONAL MATCH (i:Identity)-[:OWNS]->(a)
WITH i, collect({systemId: a.systemId, status: a.status}) AS accounts
RETURN i.id AS identityId, accounts
