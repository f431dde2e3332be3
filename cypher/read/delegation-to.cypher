// One key, so kuzu 0.11 uses the primary-key index (delegations-to scans): src/read/graph-reader.ts picks it for small batches.
MATCH (f:Identity)-[d:DELEGATES_TO]->(t:Identity {id: $id})
RETURN f.id AS fromId, t.id AS toId, d.scope AS scope, d.grantedAt AS grantedAt, d.expiresAt AS expiresAt, d.purpose AS purpose
ORDER BY f.id
