// Ids already in the graph (and emails, to resolve accounts given by identityEmail).
MATCH (n:Identity)
RETURN n.id AS id, n.emailLower AS emailLower
