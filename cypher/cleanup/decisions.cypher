// After a successful full run: what this source supplied before and not now is gone.
MATCH ()-[d:DECIDED]->()
WHERE d.source = $source AND d.updateTag < $tag
DELETE d
RETURN count(*) AS removed
