// Store contract: counts come back as plain numbers.
MATCH (i:Identity)
WHERE i.id STARTS WITH $prefix
RETURN count(i) AS n
