// Ids already in the graph, with the keys accounts from other sources correlate on (email, attributes).
MATCH (n:Identity)
RETURN n.id AS id, n.emailLower AS emailLower, n.attributes AS attributes
