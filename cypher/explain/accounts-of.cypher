// Every owned account, enabled or not: a disabled one can be the reason access is missing.
UNWIND $ids AS wanted
MATCH (i:Identity {id: wanted})-[:OWNS]->(a:Account)
RETURN i.id AS identityId, a.id AS accountId, a.status AS status
