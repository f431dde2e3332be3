// Snapshots taken at or after $since, in run order, a page at a time after run sequence $afterSeq.
MATCH (s:RiskSnapshot)
WHERE s.takenAt >= $since AND s.seq > $afterSeq
RETURN s.id AS id, s.seq AS seq, s.runId AS runId, s.graphVersion AS graphVersion, s.takenAt AS takenAt, s.metrics AS metrics
ORDER BY seq
LIMIT $limit
