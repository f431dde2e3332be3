// After a successful full run: what this source supplied before and not now is gone.
MATCH (n:System)
WHERE n.source = $source AND n.updateTag < $tag
DETACH DELETE n
RETURN count(*) AS removed
