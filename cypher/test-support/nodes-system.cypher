// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (n:System)
RETURN n.id AS id, n.name AS name, n.criticality AS criticality, n.ownerId AS ownerId, n.source AS source, n.updateTag AS updateTag
ORDER BY id
