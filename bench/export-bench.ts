import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { writeDemoBundle } from '../src/demo/generate-demo';
import { writeResult } from './results-file';
import { startServer } from '../src/server/start-server';
import { KuzuStore } from '../src/store/kuzu-store';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { boundHeapGrowth } from '../src/heap-growth';

/**
 * `npm run bench:export -- [--humans 15000[,3000...]]`: for each size, ingests the demo enterprise
 * (in its own process), then in a fresh process starts the server on that store and streams
 * GET /export/effective-access.csv over HTTP, counting rows without keeping them, and reads the
 * process's peak RSS (process.resourceUsage().maxRSS) before and after, and the JS heap while it
 * streams. A fresh process per phase, because peak RSS never goes down: the ingest's peak would hide
 * the export's. Then it times GET /metrics (the full risk evaluation) and the findings and identities
 * exports in the same process, reported apart. A last process repeats the effective-access export
 * with a 256 MB Kuzu page cache: most of the first run's RSS is that cache filling, not the export.
 * Results: bench/results/export-<date>.json.
 */
const mb = (kb: number) => Math.round(kb / 1024);
const peakMb = () => mb(process.resourceUsage().maxRSS);
const seconds = (since: number) => +((Date.now() - since) / 1000).toFixed(2);

function lastJsonLine(stdout: string): any {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

async function ingestPhase(db: string, humans: number) {
  const bundle = join(db, 'bundle');
  await writeDemoBundle(bundle, { humans });
  const bufferMb = Number(process.env.WHOHAS_KUZU_BUFFER_MB ?? (humans > 20000 ? 8192 : humans > 5000 ? 4096 : 1024));
  const store = new KuzuStore(join(db, 'db.kuzu'), { bufferBytes: bufferMb * 1024 * 1024 });
  await store.init();
  const started = Date.now();
  const run = await ingestBundle(store, bundle, { maxFileBytes: 1e9, runsDir: join(db, 'runs'), maxPathsPerGrant: 8 });
  await store.close();
  rmSync(bundle, { recursive: true, force: true });
  if (run.status !== 'succeeded') throw new Error(`ingest failed: ${run.error?.message}`);
  return { humans, accessGrants: run.counts.accessGrants, seconds: seconds(started), phasesMs: run.timingsMs, peakRssMb: peakMb(), kuzuBufferMb: bufferMb };
}

/** Reads a response body chunk by chunk, counting bytes and lines (nothing is kept), sampling memory as it goes. */
async function stream(url: string) {
  const started = Date.now();
  let maxHeapMb = 0;
  const sampler = setInterval(() => (maxHeapMb = Math.max(maxHeapMb, Math.round(process.memoryUsage().heapUsed / 1048576))), 20);
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  let bytes = 0;
  let lines = 0;
  let firstByteMs: number | null = null;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    firstByteMs ??= Date.now() - started;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  clearInterval(sampler);
  return { rows: lines - 1, megabytes: +(bytes / 1e6).toFixed(1), firstByteMs, seconds: seconds(started), maxHeapMb };
}

async function exportPhase(db: string, bufferMb: number, withRisk: boolean) {
  const config = loadConfig({ WHOHAS_DB: join(db, 'db.kuzu'), WHOHAS_DEMO: 'false', PORT: '0', WHOHAS_SCHEDULER: 'false', WHOHAS_KUZU_BUFFER_MB: String(bufferMb) });
  const server = await startServer(config, { log: () => undefined });
  try {
    await server.ready;
    const afterStartMb = peakMb();
    const access = await stream(`${server.url}/export/effective-access.csv`);
    const afterExportMb = peakMb();
    const effectiveAccess = { ...access, rowsPerSecond: Math.round(access.rows / access.seconds), peakRssMbBefore: afterStartMb, peakRssMbAfter: afterExportMb, kuzuBufferMb: bufferMb };
    if (!withRisk) return { effectiveAccess };
    const metricsStarted = Date.now();
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    const riskEvaluationSeconds = seconds(metricsStarted);
    const findings = await stream(`${server.url}/export/findings.csv`);
    const identities = await stream(`${server.url}/export/identities.csv`);
    return {
      effectiveAccess,
      riskEvaluation: { seconds: riskEvaluationSeconds, metricsLines: metrics.split('\n').length, peakRssMbAfter: peakMb() },
      findings,
      identities,
    };
  } finally {
    await server.close();
  }
}

function child(args: string[]): any {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench phase ${args.join(' ')} failed (exit ${r.status})`);
  return lastJsonLine(r.stdout);
}

async function main() {
  // As the CLI does: the figures are the product's, its heap setting included.
  boundHeapGrowth(loadConfig().heapGrowthPercent);
  const { values } = parseArgs({
    options: { humans: { type: 'string', default: '15000' }, phase: { type: 'string' }, db: { type: 'string' }, buffer: { type: 'string', default: '1024' }, risk: { type: 'string', default: 'yes' } },
  });
  if (values.phase === 'ingest') return console.log(JSON.stringify(await ingestPhase(values.db!, Number(values.humans))));
  if (values.phase === 'export') return console.log(JSON.stringify(await exportPhase(values.db!, Number(values.buffer), values.risk === 'yes')));
  const sizes = String(values.humans).split(',').map(Number);
  const results = [];
  for (const humans of sizes) {
    const db = mkdtempSync(join(tmpdir(), `whohas-export-bench-${humans}-`));
    // One size failing (e.g. out of page cache) must not lose the others' results.
    try {
      console.error(`[bench:export] ${humans} humans: ingesting...`);
      const ingest = child(['--phase', 'ingest', '--db', db, '--humans', String(humans)]);
      console.error(`[bench:export] ${humans} humans: ${ingest.accessGrants} access pairs in ${ingest.seconds} s; exporting...`);
      const exported = child(['--phase', 'export', '--db', db]);
      console.error(`[bench:export] ${humans} humans: ${JSON.stringify(exported.effectiveAccess)}`);
      // Again with a small page cache: what is left of the peak is the export's own memory.
      const smallCache = child(['--phase', 'export', '--db', db, '--buffer', '256', '--risk', 'no']).effectiveAccess;
      console.error(`[bench:export] ${humans} humans, 256 MB page cache: ${JSON.stringify(smallCache)}`);
      results.push({ humans, ingest, ...exported, effectiveAccessWith256MbCache: smallCache });
    } catch (e) {
      results.push({ humans, error: e instanceof Error ? e.message : String(e) });
    } finally {
      rmSync(db, { recursive: true, force: true });
    }
  }
  const out = { date: new Date().toISOString(), machine: { node: process.version, cpus: require('node:os').cpus().length }, results };
  const file = writeResult(`export-${out.date.slice(0, 10)}.json`, out);
  console.log(JSON.stringify(out, null, 2));
  console.error(`[bench:export] written to ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
