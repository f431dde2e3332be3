// Kuzu needs declared node and rel tables; Neo4j's schema is constraints + indexes (cypher/neo4j/schema.cypher).
// Times are UTC ISO-8601 strings in both stores, so comparisons are lexical and identical everywhere.
// `source` + `updateTag` on everything a bundle supplies drive cleanup after a full run.
CREATE NODE TABLE IF NOT EXISTS Identity(id STRING, kind STRING, displayName STRING, email STRING, emailLower STRING, department STRING, title STRING, managerId STRING, status STRING, ownerId STRING, purpose STRING, createdAt STRING, terminatedAt STRING, attributes STRING, searchText STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS System(id STRING, name STRING, criticality STRING, ownerId STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Account(id STRING, systemId STRING, identityId STRING, identityEmail STRING, username STRING, status STRING, createdAt STRING, lastLoginAt STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS AccessGroup(id STRING, systemId STRING, name STRING, kind STRING, description STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Entitlement(id STRING, systemId STRING, name STRING, kind STRING, privileged BOOLEAN, sensitivity STRING, description STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Credential(id STRING, holderId STRING, holderType STRING, type STRING, createdAt STRING, expiresAt STRING, lastRotatedAt STRING, lastUsedAt STRING, source STRING, updateTag INT64, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS IngestRun(id STRING, seq INT64, source STRING, mode STRING, status STRING, startedAt STRING, finishedAt STRING, counts STRING, rejectCount INT64, rejectReport STRING, rejectSample STRING, graphVersion STRING, error STRING, timings STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS GraphMeta(key STRING, value STRING, seq INT64, PRIMARY KEY(key));
CREATE REL TABLE IF NOT EXISTS OWNS(FROM Identity TO Account, FROM Identity TO Identity, FROM Identity TO System);
CREATE REL TABLE IF NOT EXISTS MANAGES(FROM Identity TO Identity);
CREATE REL TABLE IF NOT EXISTS ON_SYSTEM(FROM Account TO System, FROM AccessGroup TO System, FROM Entitlement TO System);
CREATE REL TABLE IF NOT EXISTS MEMBER_OF(FROM Account TO AccessGroup, FROM AccessGroup TO AccessGroup, grantedAt STRING, expiresAt STRING, source STRING, updateTag INT64);
CREATE REL TABLE IF NOT EXISTS GRANTS(FROM Account TO Entitlement, FROM AccessGroup TO Entitlement, grantedAt STRING, expiresAt STRING, source STRING, updateTag INT64);
CREATE REL TABLE IF NOT EXISTS DELEGATES_TO(FROM Identity TO Identity, scope STRING[], grantedAt STRING, expiresAt STRING, purpose STRING, source STRING, updateTag INT64);
CREATE REL TABLE IF NOT EXISTS HOLDS(FROM Identity TO Credential, FROM Account TO Credential);
CREATE REL TABLE IF NOT EXISTS USED(FROM Account TO Entitlement, lastUsedAt STRING, count INT64, source STRING, updateTag INT64);
CREATE REL TABLE IF NOT EXISTS HAS_ACCESS(FROM Identity TO Entitlement, viaDelegation BOOLEAN, activeUntil STRING, lastUsedAt STRING, useCount INT64);
// Each HAS_ACCESS pair again as a node with the paths that justify it (src/access/path-codec.ts), reached from the identity:
// kuzu 0.11's relationship COPY needs several times its strings' size in page cache (4M pairs with 950 MB of paths did not
// load in 4 GB), a node COPY streams (the same 4M in 17 s and 1 GB). Ids are handed out in identity order, so one person's
// grants sit together and their page is one short read; HAS_ACCESS serves the entitlement side, the counts and the scans.
CREATE NODE TABLE IF NOT EXISTS AccessGrant(id INT64, identityId STRING, entitlementId STRING, viaDelegation BOOLEAN, activeUntil STRING, lastUsedAt STRING, useCount INT64, paths STRING, PRIMARY KEY(id));
CREATE REL TABLE IF NOT EXISTS HAS_GRANT(FROM Identity TO AccessGrant);
// whohas extension (docs/decisions.md): the latest access-request or review decision per identity and entitlement; peer evidence, never access.
CREATE REL TABLE IF NOT EXISTS DECIDED(FROM Identity TO Entitlement, outcome STRING, kind STRING, decidedAt STRING, decidedBy STRING, reason STRING, source STRING, updateTag INT64);
// Risk metrics after each successful ingest run (src/risk/snapshot.ts): the history riskTrend and /export/metrics-history.csv read.
CREATE NODE TABLE IF NOT EXISTS RiskSnapshot(id STRING, seq INT64, runId STRING, graphVersion STRING, takenAt STRING, thresholds STRING, metrics STRING, PRIMARY KEY(id));
