MATCH (r:IngestRun)
RETURN count(r) AS total
