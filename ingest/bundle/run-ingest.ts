import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rebuildAccessIndex } from '../../src/access/rebuild-index';
import { WhohasError, errorMessage } from '../../src/errors';
import { makeGraphVersion, writeGraphVersion } from '../../src/graph-version';
import { riskThresholds } from '../../src/risk/risk-settings';
import { snapshotAfterIngest } from '../../src/risk/snapshot';
import { trackSnapshot } from '../../src/risk/snapshot-queue';
import type { RiskThresholds } from '../../src/risk/thresholds';
import { releaseGraphCaches } from '../../src/store/graph-caches';
import { Mutex } from '../../src/store/mutex';
import type { GraphStore, QueryRunner } from '../../src/store/port';
import { buildGeneration } from './generation/build-generation';
import { checkReferences } from './check-references';
import { failureOf, fromEngine } from './failure-message';
import { keepRejected, rejectedDelegationKeys } from './keep-rejected';
import { readKnownIds } from './known-ids';
import { cleanupStale, linkDerivedEdges, loadBundle } from './load';
import type { CorrelationHint } from '../core/connector';
import { correlateAccounts, type CorrelationReport, type CorrelationRule } from '../core/correlate';
import { DEFAULT_SOURCE, readBundle, type ParsedBundle } from './read-bundle';
import { ENTITY_FILES } from './records';
import type { Reject } from './reject';
import { recordRun, type IngestRunSummary } from './run-record';

export interface IngestOptions {
  strict?: boolean;
  maxFileBytes: number;
  runsDir: string;
  maxPathsPerGrant: number;
  /** The clock used for expiry; tests pin it. */
  now?: () => Date;
  /** How accounts carrying correlation hints are tied to identities (ingest/core/correlate.ts). */
  correlation?: CorrelationRule[];
  /** Thresholds for the risk metrics snapshot taken after the run (default: the store's, src/risk/risk-settings.ts). */
  risk?: RiskThresholds;
  /**
   * 'inline' (default): the run returns once its risk snapshot is written. 'background': the run
   * returns at its commit and the snapshot follows, still holding the ingest lock (the server uses
   * this; riskTrend and closing the store wait for it, src/risk/snapshot-queue.ts).
   */
  riskSnapshot?: 'inline' | 'background';
  /**
   * A full run with at least this many records is built as a new generation where the store can
   * (GraphStore.rebuild: bulk loads into a fresh database, then a switch) instead of merged into the
   * live graph in one transaction. Default REBUILD_MIN_RECORDS; 0: every full run.
   */
  rebuildMinRecords?: number;
  /** Called as each phase ends, for the CLI's progress bar. */
  onProgress?: (event: IngestProgress) => void;
}

export const INGEST_PHASES = ['read', 'validate', 'load', 'cleanup', 'link', 'index'] as const;
export interface IngestProgress {
  phase: (typeof INGEST_PHASES)[number];
  done: number;
  total: number;
  records?: number;
}

/** What a run loads: a bundle folder read from disk, or a connector's transformed payloads. */
export type ProduceRecords = () => Promise<ParsedBundle & { hints?: CorrelationHint[]; notes?: string[] }>;

const REJECT_SAMPLE = 20;
/** Below this a merge into the live graph is cheaper than copying the rest of the graph anew. */
export const REBUILD_MIN_RECORDS = 10_000;
const runs = new WeakMap<GraphStore, Mutex>();

/** One ingest at a time per store: a run reads known ids, then writes, and must not interleave. */
export function ingestBundle(store: GraphStore, dir: string, opts: IngestOptions): Promise<IngestRunSummary> {
  return ingestRecords(store, () => readBundle(dir, { maxFileBytes: opts.maxFileBytes }), opts);
}

/** The shared validate -> load -> cleanup -> index path every connector ends in. */
export function ingestRecords(store: GraphStore, produce: ProduceRecords, opts: IngestOptions): Promise<IngestRunSummary> {
  let lock = runs.get(store);
  if (!lock) runs.set(store, (lock = new Mutex()));
  const held = lock;
  return new Promise((resolve, reject) => {
    held
      .runExclusive(async () => {
        const run = await runIngest(store, produce, opts);
        if (run.status !== 'succeeded') return resolve(run);
        if (opts.riskSnapshot !== 'background') {
          await takeSnapshot(store, run, opts);
          return resolve(run);
        }
        // Queued before the caller hears of the run, so a trend read right after it waits for this point.
        const snapshot = trackSnapshot(store, takeSnapshot(store, run, opts));
        resolve(run);
        await snapshot;
      })
      .catch(reject);
  });
}

/** After the commit and still inside the ingest lock, so the snapshot describes exactly this run's graph. */
async function takeSnapshot(store: GraphStore, run: IngestRunSummary, opts: IngestOptions): Promise<void> {
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const problem = await snapshotAfterIngest(store, run, now().toISOString(), opts.risk ?? riskThresholds(store));
  run.timingsMs.riskSnapshot = Date.now() - started;
  if (problem) run.notes.push(problem);
  if (problem || opts.riskSnapshot === 'background') await store.write((tx) => recordRun(tx, run)).catch(() => undefined);
}

const NOTE_SAMPLE = 20;

async function runIngest(store: GraphStore, produce: ProduceRecords, opts: IngestOptions): Promise<IngestRunSummary> {
  const now = opts.now ?? (() => new Date());
  const lastSeq = await store.run('runs/last-seq', {});
  const seq = Number(lastSeq[0]?.seq ?? 0) + 1;
  const run: IngestRunSummary = {
    id: `run-${String(seq).padStart(6, '0')}-${randomBytes(4).toString('hex')}`,
    seq,
    source: DEFAULT_SOURCE.source,
    mode: DEFAULT_SOURCE.mode,
    status: 'running',
    startedAt: now().toISOString(),
    finishedAt: null,
    counts: {},
    rejectCount: 0,
    rejectReport: null,
    rejectSample: [],
    unknownFiles: [],
    notes: [],
    graphVersion: null,
    error: null,
    timingsMs: {},
  };
  let mark = Date.now();
  const phase = (name: (typeof INGEST_PHASES)[number]) => {
    const t = Date.now();
    run.timingsMs[name] = t - mark;
    mark = t;
    const records = Object.entries(run.counts).reduce((n, [k, v]) => (k.includes('.') || k === 'accessGrants' ? n : n + v), 0);
    opts.onProgress?.({ phase: name, done: INGEST_PHASES.indexOf(name) + 1, total: INGEST_PHASES.length, records });
  };
  await store.write((tx) => recordRun(tx, run));
  // Answers about the graph before this run are about to be stale; the run needs their memory.
  releaseGraphCaches(store);
  try {
    const parsed = await produce();
    run.source = parsed.source.source;
    run.mode = parsed.source.mode;
    run.unknownFiles = parsed.unknownFiles;
    run.notes.push(...(parsed.notes ?? []));
    phase('read');
    const known = await store.read(readKnownIds);
    const records = checkReferences(parsed.records, known, parsed.rejects);
    noteCorrelation(run, correlateAccounts(records, parsed.hints ?? [], known, opts.correlation));
    await reportRejects(run, parsed.rejects, opts.runsDir);
    if (opts.strict && parsed.rejects.length) {
      throw new WhohasError('BUNDLE_REJECTED', `Strict mode: ${parsed.rejects.length} record(s) rejected, nothing was loaded`);
    }
    for (const entity of ENTITY_FILES) run.counts[entity] = records[entity].length;
    phase('validate');
    const stamp = { source: run.source, tag: seq };
    const emailIndex = new Map(known.identityIdByEmail);
    for (const { record } of records.identities) if (record.email) emailIndex.set(record.email.toLowerCase(), record.id);

    const recordCount = ENTITY_FILES.reduce((n, entity) => n + records[entity].length, 0);
    const asGeneration = run.mode === 'full' && store.rebuild && recordCount >= (opts.rebuildMinRecords ?? REBUILD_MIN_RECORDS);
    const finish = async (tx: QueryRunner) => {
      run.graphVersion = makeGraphVersion(seq, run.id);
      await writeGraphVersion(tx, run.graphVersion, seq);
      run.status = 'succeeded';
      run.finishedAt = now().toISOString();
      await recordRun(tx, run);
    };
    if (asGeneration && store.rebuild) {
      await store.rebuild(async (live, next) => {
        const built = await buildGeneration(live, next, {
          records, rejects: parsed.rejects, stamp, emailIndex, now: now().toISOString(), maxPathsPerGrant: opts.maxPathsPerGrant, phase,
          // Emptied in place: the arrays are shared by every reference to them, this function's included.
          releaseRecords: (entities) => {
            for (const bundle of [records, parsed.records]) {
              for (const entity of entities) {
                if (entity === 'usage') bundle.usage.clear();
                else bundle[entity].length = 0;
              }
            }
          },
        });
        Object.assign(run.counts, built.counts, { accessGrants: built.accessGrants });
        noteIndexTimings(run, built.indexTimingsMs);
        await finish(next);
      });
      return run;
    }
    await store.write(async (tx) => {
      const loaded = await loadBundle(tx, records, stamp, emailIndex);
      phase('load');
      if (run.mode === 'full') {
        for (const [what, n] of Object.entries(await keepRejected(tx, parsed.rejects, stamp))) run.counts[`kept.${what}`] = n;
        const removed = await cleanupStale(tx, stamp, loaded, rejectedDelegationKeys(parsed.rejects));
        for (const [what, n] of Object.entries(removed)) run.counts[`removed.${what}`] = n;
      }
      phase('cleanup');
      await linkDerivedEdges(tx);
      phase('link');
      const index = await rebuildAccessIndex(tx, { now: now().toISOString(), maxPathsPerGrant: opts.maxPathsPerGrant });
      run.counts.accessGrants = index.grants;
      phase('index');
      noteIndexTimings(run, index.timingsMs);
      await finish(tx);
    });
    return run;
  } catch (e) {
    run.status = 'failed';
    run.graphVersion = null;
    run.finishedAt = now().toISOString();
    run.error = failureOf(e);
    // The whole engine message, paths and all, goes to the operator's log only.
    if (fromEngine(e)) console.error(`[whohas] ingest ${run.id} failed: ${errorMessage(e)}`);
    await store.write((tx) => recordRun(tx, run)).catch(() => undefined);
    return run;
  }
}

/** The index phase in parts (index.read, index.compute, index.write, and index.copy for a bulk load): at L it is the longest phase. */
function noteIndexTimings(run: IngestRunSummary, parts: object): void {
  for (const [part, ms] of Object.entries(parts)) run.timingsMs[`index.${part}`] = Number(ms);
}

function noteCorrelation(run: IngestRunSummary, report: CorrelationReport): void {
  if (report.correlated) run.counts['correlated.accounts'] = report.correlated;
  if (report.unmatched.length) {
    run.counts['unmatched.accounts'] = report.unmatched.length;
    const sample = report.unmatched.slice(0, NOTE_SAMPLE).join(', ');
    run.notes.push(`${report.unmatched.length} account(s) matched no identity and stay unowned: ${sample}${report.unmatched.length > NOTE_SAMPLE ? ', ...' : ''}`);
  }
  if (report.ambiguous.length) {
    run.counts['ambiguous.accounts'] = report.ambiguous.length;
    for (const a of report.ambiguous.slice(0, NOTE_SAMPLE)) {
      run.notes.push(`account ${a.accountId} stays unowned: ${a.rule} matches ${a.candidates.length} identities (${a.candidates.join(', ')})`);
    }
  }
}

async function reportRejects(run: IngestRunSummary, rejects: Reject[], runsDir: string): Promise<void> {
  run.rejectCount = rejects.length;
  run.rejectSample = rejects.slice(0, REJECT_SAMPLE);
  if (!rejects.length) return;
  await mkdir(runsDir, { recursive: true });
  const path = join(runsDir, `${run.id}.rejects.ndjson`);
  await writeFile(path, rejects.map((r) => JSON.stringify(r)).join('\n') + '\n');
  run.rejectReport = path;
}
