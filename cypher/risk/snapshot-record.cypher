// One snapshot per ingest run, keyed by the run: recording it again (a retry) replaces it.
MERGE (s:RiskSnapshot {id: $id})
SET s.seq = $seq, s.runId = $runId, s.graphVersion = $graphVersion, s.takenAt = $takenAt, s.thresholds = $thresholds, s.metrics = $metrics
