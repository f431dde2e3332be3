// Every identity with the facts peer groups are made of (read once per graph version; src/read/peers-reader.ts).
MATCH (n:Identity)
RETURN n.id AS id, n.kind AS kind, n.displayName AS displayName, n.status AS status, n.department AS department,
       n.title AS title, n.managerId AS managerId, n.ownerId AS ownerId, n.purpose AS purpose, n.attributes AS attributes
