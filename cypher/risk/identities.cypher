// Every identity with what risk findings and metrics group by (read once per evaluation; src/risk/risk-data.ts).
MATCH (n:Identity)
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.status AS status, n.department AS department,
       n.ownerId AS ownerId, n.terminatedAt AS terminatedAt
