MERGE (r:IngestRun {id: $id})
SET r.seq = $seq, r.source = $source, r.mode = $mode, r.status = $status, r.startedAt = $startedAt,
    r.finishedAt = $finishedAt, r.counts = $counts, r.rejectCount = $rejectCount, r.rejectReport = $rejectReport,
    r.rejectSample = $rejectSample, r.graphVersion = $graphVersion, r.error = $error, r.timings = $timings
