// After a successful full run: what this source supplied before and not now is gone.
MATCH ()-[e:GRANTS]->()
WHERE e.source = $source AND e.updateTag < $tag
DELETE e
RETURN count(*) AS removed
