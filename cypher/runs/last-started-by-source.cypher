// When a source last started a run (any outcome): the scheduler's memory across restarts.
MATCH (r:IngestRun)
WHERE r.source = $source
RETURN max(r.startedAt) AS startedAt
