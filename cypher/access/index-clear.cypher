// The effective-access index is rebuilt whole inside the ingest transaction that changed the graph.
MATCH (:Identity)-[h:HAS_ACCESS]->(:Entitlement)
DELETE h
