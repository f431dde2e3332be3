// A rebuild (ingest/bundle/generation/) carries the run history, settings and risk history into the new graph as they are.
MATCH (n:RiskSnapshot)
RETURN n.id AS id, n.seq AS seq, n.runId AS runId, n.graphVersion AS graphVersion, n.takenAt AS takenAt, n.thresholds AS thresholds, n.metrics AS metrics
