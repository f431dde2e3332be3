// Store contract: many rows in one call (UNWIND over a list of maps).
UNWIND $rows AS row
MERGE (i:Identity {id: row.id})
SET i.displayName = row.displayName, i.department = row.department
RETURN count(*) AS n
