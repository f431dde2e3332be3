import type { QueryRunner } from '../../src/store/port';
import type { Reject } from './reject';

export type RunStatus = 'running' | 'succeeded' | 'failed';

/** What every ingest leaves behind, successful or not: the audit trail of the graph. */
export interface IngestRunSummary {
  id: string;
  seq: number;
  source: string;
  mode: 'full' | 'incremental';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Records loaded per file, `removed.<file>` for full-run cleanup, `accessGrants` for the index. */
  counts: Record<string, number>;
  rejectCount: number;
  rejectReport: string | null;
  rejectSample: Reject[];
  unknownFiles: string[];
  /** What the user should know that is not a reject: unowned accounts after correlation, skipped input. */
  notes: string[];
  graphVersion: string | null;
  error: { code: string; message: string } | null;
  /** Milliseconds per phase (read, validate, load, cleanup, link, index), for operators and the benchmark. */
  timingsMs: Record<string, number>;
}

export async function recordRun(tx: QueryRunner, run: IngestRunSummary): Promise<void> {
  await tx.run('runs/record', {
    id: run.id,
    seq: run.seq,
    source: run.source,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    counts: JSON.stringify({ ...run.counts, unknownFiles: run.unknownFiles, notes: run.notes }),
    rejectCount: run.rejectCount,
    rejectReport: run.rejectReport,
    rejectSample: JSON.stringify(run.rejectSample),
    graphVersion: run.graphVersion,
    error: run.error ? JSON.stringify(run.error) : null,
    timings: JSON.stringify(run.timingsMs),
  });
}
