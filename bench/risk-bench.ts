import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { EXPORTED_AT } from '../src/demo/random';
import { projectRoot } from '../src/paths';
import { findingsCsv } from '../src/risk/export/risk-tables';
import { evaluateRisk } from '../src/risk/risk-service';
import { snapshotsSettled } from '../src/risk/snapshot-queue';
import { releaseGraphCaches } from '../src/store/graph-caches';
import { KuzuStore } from '../src/store/kuzu-store';
import { writeResult } from './results-file';
import { boundHeapGrowth } from '../src/heap-growth';
import { loadConfig } from '../src/config';
import { followParent, relaunchUnderProcessSettings } from '../src/process-settings';

/**
 * `npm run bench:risk -- --size L5|L [--db DIR] [--runs N]`: the whole-graph risk evaluation alone
 * (findings, scores, metrics), which the server runs after every ingest and for every scrape past
 * its reuse window: its time, the heap it keeps while cached, the process peak, and what reading it
 * costs (a page, one identity, the findings export). `--db DIR` keeps the ingested store in DIR
 * (built there on the first use) so runs of different code compare on the same graph.
 * Results: bench/results/risk-<date>-<size>.json.
 */
const SIZES: Record<string, { humans: number; shape: string }> = {
  S: { humans: 3000, shape: 'default' },
  L5: { humans: 20000, shape: 'scale' },
  L: { humans: 100000, shape: 'scale' },
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round((performance.now() - started) * 10) / 10 };
}

async function openStore(dir: string, spec: { humans: number; shape: string }): Promise<KuzuStore> {
  const db = join(dir, 'db.kuzu');
  const fresh = !existsSync(db);
  const store = new KuzuStore(db, { bufferBytes: 4096 * 1024 * 1024 });
  await store.init();
  if (!fresh) return store;
  const bundle = join(dir, 'bundle');
  execFileSync(process.execPath, [join(projectRoot(), 'bin', 'whohas.js'), 'demo', bundle, '--humans', String(spec.humans), '--shape', spec.shape], { stdio: 'ignore' });
  const run = await ingestBundle(store, bundle, { maxFileBytes: 4e9, runsDir: join(dir, 'runs'), maxPathsPerGrant: 8, riskSnapshot: 'background' });
  if (run.status !== 'succeeded') throw new Error(`ingest failed: ${run.error?.message}`);
  await snapshotsSettled(store);
  rmSync(bundle, { recursive: true, force: true });
  return store;
}

async function main() {
  // As the CLI does (bin/whohas.js): the figures are the product's, glibc's settings included.
  if (relaunchUnderProcessSettings()) return;
  followParent();
  // As the CLI does: the figures are the product's, its heap setting included.
  boundHeapGrowth(loadConfig().heapGrowthPercent);
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'L5' }, runs: { type: 'string', default: '2' }, db: { type: 'string' } } });
  const size = String(values.size).toUpperCase();
  const spec = SIZES[size];
  if (!spec) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const dir = values.db ?? mkdtempSync(join(tmpdir(), 'whohas-risk-bench-'));
  const store = await openStore(dir, spec);
  const runs = [];
  try {
    for (let i = 0; i < Number(values.runs); i++) {
      releaseGraphCaches(store);
      // A turn of the event loop first: the last run's promise chain still references its evaluation.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const before = process.memoryUsage().heapUsed;
      // The server runs this beside its requests: the longest the event loop waited is what one of them could wait.
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      const { value: ev, ms: evaluateMs } = await timed(() => evaluateRisk(store, EXPORTED_AT, { fresh: true }));
      stalls.disable();
      gc();
      const after = process.memoryUsage().heapUsed;
      const all = ev.metrics('NONE')[0];
      const someone = [...ev.scores.values()].sort((a, b) => b.score - a.score)[0]?.identityId ?? '';
      const page = await timed(async () => ev.findingsOf(someone).length);
      let bytes = 0;
      const exportRun = await timed(async () => {
        for await (const chunk of findingsCsv(ev)) bytes += chunk.length;
        return bytes;
      });
      const byDepartment = await timed(async () => ev.metrics('DEPARTMENT').length);
      const figure = {
        run: i + 1, evaluateMs, longestStallMs: Math.round(stalls.max / 1e6), heapBeforeMb: mb(before), heapHeldMb: mb(after), peakRssMb: peakRssMb(), findings: all.findingsTotal,
        byCode: Object.fromEntries(all.findings.filter((f) => f.count).map((f) => [f.code, f.count])),
        oneIdentityFindingsMs: page.ms, oneIdentityFindings: page.value, metricsByDepartmentMs: byDepartment.ms,
        findingsExportMs: exportRun.ms, findingsExportMb: mb(bytes), peakRssAfterExportMb: peakRssMb(),
      };
      console.log(JSON.stringify(figure));
      runs.push(figure);
    }
  } finally {
    await store.close();
    if (!values.db) rmSync(dir, { recursive: true, force: true });
  }
  const report = { size, ...spec, date: new Date().toISOString(), machine: { node: process.version, cpus: cpus().length, kuzuBufferMb: 4096 }, runs };
  console.log(`written to ${writeResult(`risk-${report.date.slice(0, 10)}-${size}.json`, report)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
