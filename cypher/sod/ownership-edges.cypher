// Control through ownership: the accountable human owns a service or agent identity.
MATCH (a:Identity)-[:OWNS]->(b:Identity)
RETURN a.id AS fromId, b.id AS toId
