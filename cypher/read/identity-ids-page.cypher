// Identity ids in order, a page at a time after $after (keyset paging: each page costs the same however deep).
MATCH (n:Identity)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit
