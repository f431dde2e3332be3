// Pairs in the effective-access index against AccessGrant nodes: they differ only in a store whose index was written
// before paths left HAS_ACCESS (src/access/complete-index.ts), or one a crash left between the two.
MATCH (:Identity)-[h:HAS_ACCESS]->(:Entitlement)
WITH count(h) AS pairs
OPTIONAL MATCH (p:AccessGrant)
RETURN pairs, count(p) AS paths
