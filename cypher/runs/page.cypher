MATCH (r:IngestRun)
RETURN r.id AS id, r.seq AS seq, r.source AS source, r.mode AS mode, r.status AS status, r.startedAt AS startedAt,
       r.finishedAt AS finishedAt, r.counts AS counts, r.rejectCount AS rejectCount, r.rejectReport AS rejectReport,
       r.rejectSample AS rejectSample, r.graphVersion AS graphVersion, r.error AS error
ORDER BY r.seq DESC
SKIP $skip
LIMIT $limit
