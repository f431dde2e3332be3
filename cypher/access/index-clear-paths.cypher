// The index's paths go with it (cypher/access/index-clear); DETACH takes their JUSTIFIED_BY edges.
MATCH (p:AccessPaths)
DETACH DELETE p
