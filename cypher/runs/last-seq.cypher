MATCH (r:IngestRun)
RETURN max(r.seq) AS seq
