// Store contract: cleanup, so the suite can run against a shared Neo4j without leaving data behind.
MATCH (i:Identity)
WHERE i.id STARTS WITH $prefix
DETACH DELETE i
