// The size of a catalog table: src/read/whole-table.ts reads it whole only below a bound.
MATCH (n:AccessGroup)
RETURN count(n) AS total
