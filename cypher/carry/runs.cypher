// A rebuild (ingest/bundle/generation/) carries the run history, settings and risk history into the new graph as they are.
MATCH (n:IngestRun)
RETURN n.id AS id, n.seq AS seq, n.source AS source, n.mode AS mode, n.status AS status, n.startedAt AS startedAt, n.finishedAt AS finishedAt, n.counts AS counts, n.rejectCount AS rejectCount, n.rejectReport AS rejectReport, n.rejectSample AS rejectSample, n.graphVersion AS graphVersion, n.error AS error, n.timings AS timings
