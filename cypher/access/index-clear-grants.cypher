// The index's paths go with it (cypher/access/index-clear); DETACH takes their HAS_GRANT edges.
MATCH (p:AccessGrant)
DETACH DELETE p
