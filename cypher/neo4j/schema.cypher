// Neo4j: no tables to declare (cypher/kuzu/schema.cypher is the data model); here it becomes uniqueness
// constraints (which also give the id lookups their index) plus indexes for the other lookups.
// Every statement is IF NOT EXISTS, so Neo4jStore.init() runs this file on every start.
CREATE CONSTRAINT identity_id IF NOT EXISTS FOR (n:Identity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT system_id IF NOT EXISTS FOR (n:System) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT access_group_id IF NOT EXISTS FOR (n:AccessGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entitlement_id IF NOT EXISTS FOR (n:Entitlement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT credential_id IF NOT EXISTS FOR (n:Credential) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ingest_run_id IF NOT EXISTS FOR (n:IngestRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_meta_key IF NOT EXISTS FOR (n:GraphMeta) REQUIRE n.key IS UNIQUE;
// People are looked up by email (case-folded), department, manager and kind/status.
CREATE INDEX identity_email_lower IF NOT EXISTS FOR (n:Identity) ON (n.emailLower);
CREATE INDEX identity_department IF NOT EXISTS FOR (n:Identity) ON (n.department);
CREATE INDEX identity_manager_id IF NOT EXISTS FOR (n:Identity) ON (n.managerId);
CREATE INDEX identity_kind_status IF NOT EXISTS FOR (n:Identity) ON (n.kind, n.status);
// Free-text search uses CONTAINS, which a TEXT index serves (a RANGE index does not).
CREATE TEXT INDEX identity_search_text IF NOT EXISTS FOR (n:Identity) ON (n.searchText);
// Ingest joins accounts to people by id or by email, and everything to its system.
CREATE INDEX account_identity_id IF NOT EXISTS FOR (n:Account) ON (n.identityId);
CREATE INDEX account_identity_email IF NOT EXISTS FOR (n:Account) ON (n.identityEmail);
CREATE INDEX account_system_id IF NOT EXISTS FOR (n:Account) ON (n.systemId);
CREATE INDEX access_group_system_id IF NOT EXISTS FOR (n:AccessGroup) ON (n.systemId);
CREATE INDEX entitlement_system_id IF NOT EXISTS FOR (n:Entitlement) ON (n.systemId);
CREATE INDEX credential_holder_id IF NOT EXISTS FOR (n:Credential) ON (n.holderId);
// Cleanup after a full run deletes what a source did not resend: WHERE source = $s AND updateTag < $tag.
CREATE INDEX identity_source_tag IF NOT EXISTS FOR (n:Identity) ON (n.source, n.updateTag);
CREATE INDEX system_source_tag IF NOT EXISTS FOR (n:System) ON (n.source, n.updateTag);
CREATE INDEX account_source_tag IF NOT EXISTS FOR (n:Account) ON (n.source, n.updateTag);
CREATE INDEX access_group_source_tag IF NOT EXISTS FOR (n:AccessGroup) ON (n.source, n.updateTag);
CREATE INDEX entitlement_source_tag IF NOT EXISTS FOR (n:Entitlement) ON (n.source, n.updateTag);
CREATE INDEX credential_source_tag IF NOT EXISTS FOR (n:Credential) ON (n.source, n.updateTag);
// The latest run is found by its sequence number.
CREATE INDEX ingest_run_seq IF NOT EXISTS FOR (n:IngestRun) ON (n.seq);
// Decisions (whohas extension, docs/decisions.md) are DECIDED relationships; a full run's cleanup finds its source's by tag.
CREATE INDEX decided_source_tag IF NOT EXISTS FOR ()-[d:DECIDED]-() ON (d.source, d.updateTag);
// The justifying paths of the effective-access index, one node per pair, found by id when written and by entitlement in SoD scans.
CREATE CONSTRAINT access_grant_id IF NOT EXISTS FOR (n:AccessGrant) REQUIRE n.id IS UNIQUE;
CREATE INDEX access_grant_entitlement_id IF NOT EXISTS FOR (n:AccessGrant) ON (n.entitlementId);
// Risk metrics snapshots (src/risk/snapshot.ts), one per successful ingest run, read back in run order.
CREATE CONSTRAINT risk_snapshot_id IF NOT EXISTS FOR (n:RiskSnapshot) REQUIRE n.id IS UNIQUE;
CREATE INDEX risk_snapshot_seq IF NOT EXISTS FOR (n:RiskSnapshot) ON (n.seq);
