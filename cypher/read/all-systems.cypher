// Every row of a catalog table, read whole once per write generation when it is small (src/read/whole-table.ts).
MATCH (n:System)
RETURN n.id AS id, n.name AS name, n.criticality AS criticality, n.ownerId AS ownerId
