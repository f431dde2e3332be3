import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { projectRoot } from '../src/paths';
import { writeResult } from './results-file';
import { snapshotsSettled } from '../src/risk/snapshot-queue';
import { KuzuStore } from '../src/store/kuzu-store';
import { boundHeapGrowth } from '../src/heap-growth';
import { loadConfig } from '../src/config';
import { followParent, relaunchUnderProcessSettings } from '../src/process-settings';

/**
 * `npm run bench:ingest -- --size S|M|L [--runs N] [--merge] [--bundle DIR]`: ingest alone, end to end, on a fresh
 * embedded store: the first full run and N-1 identical re-runs, each in this process, with the peak
 * RSS after each (the bundle is written by a child process, so its memory is not counted). By default
 * a full run this large is built as a new generation (ingest/bundle/generation/); `--merge` forces the
 * merge into the live graph for comparison. Results: bench/results/ingest-<date>-<size>[-merge].json.
 */
const SIZES: Record<string, { humans: number; shape: string; bufferMb: number }> = {
  /** The scale shape at a fifth of L: finds where memory goes in minutes, not the quarter hour L takes. */
  L5: { humans: 20000, shape: 'scale', bufferMb: 4096 },
  S: { humans: 3000, shape: 'default', bufferMb: 1024 },
  M: { humans: 15000, shape: 'default', bufferMb: 4096 },
  L: { humans: 100000, shape: 'scale', bufferMb: 4096 },
};

async function main() {
  // As the CLI does (bin/whohas.js): the figures are the product's, glibc's settings included.
  if (relaunchUnderProcessSettings()) return;
  followParent();
  // As the CLI does: the figures are the product's, its heap setting included.
  boundHeapGrowth(loadConfig().heapGrowthPercent);
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' }, runs: { type: 'string', default: '2' }, merge: { type: 'boolean', default: false }, bundle: { type: 'string' } } });
  const size = String(values.size).toUpperCase();
  const spec = SIZES[size];
  if (!spec) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const bufferMb = Number(process.env.WHOHAS_KUZU_BUFFER_MB ?? spec.bufferMb);
  const work = mkdtempSync(join(tmpdir(), 'whohas-ingest-bench-'));
  try {
    // --bundle DIR: generated there once and reused by later runs (the L bundle takes a minute to write).
    const bundle = values.bundle ?? join(work, 'bundle');
    if (!existsSync(join(bundle, 'source.json'))) execFileSync(process.execPath, [join(projectRoot(), 'bin', 'whohas.js'), 'demo', bundle, '--humans', String(spec.humans), '--shape', spec.shape], { stdio: 'ignore' });
    const db = join(work, 'db.kuzu');
    const timeline = traceMemory(process.env.WHOHAS_BENCH_MEMLOG);
    const store = new KuzuStore(db, { bufferBytes: bufferMb * 1024 * 1024 });
    await store.init();
    const runs = [];
    try {
      for (let i = 0; i < Number(values.runs); i++) {
        const started = Date.now();
        // Memory as each phase ends: the peak alone does not say which phase to shrink.
        const memoryMb: Record<string, { rss: number; heapUsed: number; heapTotal: number; external: number; peakRss: number }> = {};
        const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
        const run = await ingestBundle(store, bundle, {
          onProgress: ({ phase }) => {
            // With --expose-gc (npm run bench:ingest passes it) heapUsed is what is live, not live plus garbage.
            (globalThis as { gc?: () => void }).gc?.();
            const now = process.memoryUsage();
            // heapTotal and external say where RSS beyond the live heap sits (V8's reserve, typed arrays); the rest is native (Kuzu).
            memoryMb[phase] = { rss: mb(now.rss), heapUsed: mb(now.heapUsed), heapTotal: mb(now.heapTotal), external: mb(now.external), peakRss: Math.round(process.resourceUsage().maxRSS / 1024) };
          },
          maxFileBytes: 4e9,
          runsDir: join(work, 'runs'),
          maxPathsPerGrant: 8,
          riskSnapshot: 'background',
          rebuildMinRecords: values.merge ? Number.MAX_SAFE_INTEGER : undefined,
        });
        const seconds = (Date.now() - started) / 1000;
        if (run.status !== 'succeeded') throw new Error(`run ${i + 1} failed: ${run.error?.message}`);
        const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
        const figure = {
          run: i + 1, records, accessGrants: run.counts.accessGrants, seconds, recordsPerSecond: Math.round(records / seconds),
          phasesMs: { ...run.timingsMs }, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), memoryMb, fileMb: Math.round(statSync(db).size / 1e6),
        };
        // The next run waits for this one's risk snapshot (it holds the ingest lock); keep it out of the next figure.
        const snapshotStarted = Date.now();
        await snapshotsSettled(store);
        // A server takes the snapshot right after each run: what it holds then counts against its memory too.
        const throughSnapshot = { riskSnapshotMs: Date.now() - snapshotStarted, peakRssThroughSnapshotMb: Math.round(process.resourceUsage().maxRSS / 1024) };
        console.log(JSON.stringify({ ...figure, ...throughSnapshot }));
        runs.push({ ...figure, ...throughSnapshot });
      }
    } finally {
      clearInterval(timeline);
      await store.close();
    }
    const report = {
      size, ...spec, path: values.merge ? 'merge' : 'generation', date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, kuzuBufferMb: bufferMb, note: 'shared 2-core machine; other work ran at the same time' },
      runs,
    };
    const file = writeResult(`ingest-${report.date.slice(0, 10)}-${size}${values.merge ? '-merge' : ''}.json`, report);
    console.log(`written to ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * WHOHAS_BENCH_MEMLOG=<file>: one line a second of RSS and V8's share of it. The phase-end figures
 * miss what a phase holds at its peak, and RSS alone cannot say whether V8 or Kuzu holds it.
 */
function traceMemory(path: string | undefined): NodeJS.Timeout | undefined {
  if (!path) return undefined;
  const started = Date.now();
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    appendFileSync(path, `${Math.round((Date.now() - started) / 1000)} rss=${mb(m.rss)} heapUsed=${mb(m.heapUsed)} heapTotal=${mb(m.heapTotal)} external=${mb(m.external)}\n`);
  }, 1000);
  timer.unref();
  return timer;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
