// Every row of a catalog table, read whole once per write generation when it is small (src/read/whole-table.ts).
MATCH (n:AccessGroup)
RETURN n.id AS id, n.systemId AS systemId, n.name AS name, n.kind AS kind, n.description AS description
