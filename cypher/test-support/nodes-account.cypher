// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (n:Account)
RETURN n.id AS id, n.systemId AS systemId, n.identityId AS identityId, n.identityEmail AS identityEmail, n.username AS username, n.status AS status, n.createdAt AS createdAt, n.lastLoginAt AS lastLoginAt, n.source AS source, n.updateTag AS updateTag
ORDER BY id
