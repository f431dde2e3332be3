// Where a rebuild of the index starts numbering its AccessGrant: past every id the graph holds, so a
// rebuild inside one transaction never reuses the key of a node it has just deleted.
MATCH (p:AccessGrant)
RETURN coalesce(max(p.id), -1) + 1 AS next
