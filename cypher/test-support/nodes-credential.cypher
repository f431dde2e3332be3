// Test support: read-only, for the graph snapshot in test/helpers/snapshot.ts (every property, so any write shows).
MATCH (n:Credential)
RETURN n.id AS id, n.holderId AS holderId, n.holderType AS holderType, n.type AS type, n.createdAt AS createdAt, n.expiresAt AS expiresAt, n.lastRotatedAt AS lastRotatedAt, n.lastUsedAt AS lastUsedAt, n.source AS source, n.updateTag AS updateTag
ORDER BY id
