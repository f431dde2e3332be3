// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (n:Entitlement)
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.privileged AS privileged, n.sensitivity AS sensitivity, n.description AS description, n.source AS source, n.updateTag AS updateTag
ORDER BY id
