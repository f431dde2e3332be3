// Everyone upstream of an identity in delegation chains, expired or not: candidates for "why not".
MATCH (d:Identity)-[:DELEGATES_TO*1..8]->(i:Identity {id: $identityId})
RETURN DISTINCT d.id AS id
