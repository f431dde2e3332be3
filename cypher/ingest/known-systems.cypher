// Ids already in the graph, so a bundle may reference what earlier runs loaded.
MATCH (n:System)
RETURN n.id AS id
