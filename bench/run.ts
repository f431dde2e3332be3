import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { startServer } from '../src/server/start-server';
import { KuzuStore } from '../src/store/kuzu-store';
import { snapshotsSettled } from '../src/risk/snapshot-queue';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { projectRoot } from '../src/paths';
import { writeResult } from './results-file';
import { benchInputs } from './inputs';
import { benchMixedLoad, naiveMixedRate } from './mixed-load';
import { NaiveBaseline, ratio, type NaiveFigure } from './naive';
import { benchReads, type Figure } from './read-bench';
import { writeReadmeTable } from './readme-table';
import { benchSimulate } from './simulate-bench';
import { benchSod } from './sod-bench';
import { boundHeapGrowth } from '../src/heap-growth';
import { followParent, relaunchUnderProcessSettings } from '../src/process-settings';

/**
 * `npm run bench -- --size S|M|L [--naive-limit-s N]`: builds the deterministic demo enterprise at
 * that size (L: its scale shape; in a child process, so its memory is not counted as the ingest's),
 * ingests it through the normal path, then measures each figure (warm-up first, percentiles or medians of repeated
 * runs) beside the same question answered by naive variable-length Cypher on the same store, as a
 * ratio. Results go to bench/results/<date>-<size>.json and the table in bench/README.md.
 */
const SIZES: Record<string, number> = { S: 3000, M: 15000, L: 100000 };

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const naiveText = (n: NaiveFigure) => (n.lowerBound ? `> ${ms(n.boundMs)}` : ms(n.boundMs));
const row = (f: Figure) => ({ figure: f.figure, fast: `${ms(f.fast.p50ms)} / ${ms(f.fast.p95ms)} (p50 / p95)`, naive: naiveText(f.naive), ratio: f.ratio });

async function main() {
  // As the CLI does (bin/whohas.js): the figures are the product's, glibc's settings included.
  if (relaunchUnderProcessSettings()) return;
  followParent();
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' }, 'naive-limit-s': { type: 'string', default: '10' } } });
  const size = String(values.size).toUpperCase();
  const humans = SIZES[size];
  if (!humans) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const naiveLimitMs = Number(values['naive-limit-s']) * 1000;
  const work = mkdtempSync(join(tmpdir(), 'whohas-bench-'));
  try {
    const bundle = join(work, 'bundle');
    // L is the scale shape (20k groups 6 deep, 5k entitlements, 10M usage events), written
    // straight to files; S and M keep the demo every other figure was measured on.
    const shape = size === 'L' ? ['--shape', 'scale'] : [];
    execFileSync(process.execPath, [join(projectRoot(), 'bin', 'whohas.js'), 'demo', bundle, '--humans', String(humans), ...shape], { stdio: 'ignore' });
    const bufferMb = process.env.WHOHAS_KUZU_BUFFER_MB ?? String({ S: 1024, M: 4096, L: 4096 }[size]);
    // The per-client rate limit (600 a minute by default) is off: the bench measures throughput, and at L it stopped the mixed load.
    const config = loadConfig({ WHOHAS_DB: join(work, 'db.kuzu'), WHOHAS_DEMO: 'false', PORT: '0', WHOHAS_KUZU_BUFFER_MB: bufferMb, WHOHAS_RATE_LIMIT: '0', WHOHAS_HEAP_GROWTH_PERCENT: process.env.WHOHAS_HEAP_GROWTH_PERCENT });
    // As the CLI does: the figures are the product's, its heap setting included.
    boundHeapGrowth(config.heapGrowthPercent);
    const server = await startServer(config, { log: () => undefined });
    try {
      if (!(server.store instanceof KuzuStore)) throw new Error('the benchmark measures the embedded store');
      const store = server.store;
      // Memory as each phase ends (after a GC when run with --expose-gc), for the first run and the re-run.
      let memoryMb: Record<string, { rss: number; heapUsed: number; peakRss: number }> = {};
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
      const onProgress = ({ phase }: { phase: string }) => {
        (globalThis as { gc?: () => void }).gc?.();
        const now = process.memoryUsage();
        memoryMb[phase] = { rss: mb(now.rss), heapUsed: mb(now.heapUsed), peakRss: Math.round(process.resourceUsage().maxRSS / 1024) };
      };
      const ingestOpts = { maxFileBytes: 4e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8, riskSnapshot: 'background' as const, onProgress };
      const started = Date.now();
      const run = await ingestBundle(store, bundle, ingestOpts);
      const firstMemoryMb = memoryMb;
      memoryMb = {};
      const seconds = (Date.now() - started) / 1000;
      // Copied now: the background risk snapshot adds its own timing to the run afterwards.
      const phasesMs = { ...run.timingsMs };
      if (run.status !== 'succeeded') throw new Error(`ingest failed: ${run.error?.message}`);
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      // The server's way: the risk snapshot follows the run. Timed on its own, and out of the way of the reads.
      const snapshotStart = Date.now();
      await snapshotsSettled(store);
      const riskSnapshotAfterIngestMs = Date.now() - snapshotStart;
      // What the process reached by the time the run's risk snapshot is in: what a server ingesting L needs.
      const peakRssThroughSnapshotMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
      const reingestStart = Date.now();
      const rerun = await ingestBundle(store, bundle, ingestOpts);
      const reingestSeconds = (Date.now() - reingestStart) / 1000;
      const reingestPhasesMs = { ...rerun.timingsMs };
      const reingestPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      await snapshotsSettled(store);

      // An L run takes half an hour: what is measured is kept as it comes, so a late failure loses only the rest.
      const partialName = `${new Date().toISOString().slice(0, 10)}-${size}.partial.json`;
      const partial: Record<string, unknown> = {
        size, humans, unfinished: true,
        ingest: { records, accessGrants: run.counts.accessGrants, seconds, phasesMs, riskSnapshotAfterIngestMs, reingestSeconds, reingestPhasesMs, peakRssMb, peakRssThroughSnapshotMb, reingestPeakRssMb, memoryMb: firstMemoryMb, reingestMemoryMb: memoryMb },
      };
      const keep = <T>(name: string, value: T): T => {
        partial[name] = value;
        writeResult(partialName, partial);
        return value;
      };
      writeResult(partialName, partial);
      const naive = new NaiveBaseline(store, naiveLimitMs);
      const input = await benchInputs(store, humans);
      const reads = keep('reads', await benchReads(store, server.url, naive, input));
      const sod = keep('sod', await benchSod(store, naive));
      const simulate = keep('simulate', await benchSimulate(server.url, store, humans, naive));
      // Computed first: the same questions then find the server's response cache cold, as after a write.
      const mixedComputed = keep('mixedComputed', await benchMixedLoad(server.url, input, input.smallEntitlement, { clients: 4, seconds: 15, inProcess: false, computed: true }));
      const mixed = keep('mixed', await benchMixedLoad(server.url, input, input.smallEntitlement));
      const mixedNaive = await naiveMixedRate(naive, input, input.smallEntitlement);
      const naiveRate = 1000 / mixedNaive.boundMs;

      const rows = [
        ...reads.map(row),
        { figure: 'sodViolations full scan, 100 rules (median of 5)', fast: ms(sod.fullScanMs.median), naive: naiveText(sod.naive!), ratio: ratio(sod.fullScanMs.median, sod.naive!) },
        {
          figure: 'simulate one membership removal over HTTP',
          fast: `${ms(simulate.oneMembershipRemoval.p50ms)} / ${ms(simulate.oneMembershipRemoval.p95ms)} (p50 / p95)`,
          naive: naiveText(simulate.naive.oneMembershipRemoval),
          ratio: ratio(simulate.oneMembershipRemoval.p50ms, simulate.naive.oneMembershipRemoval),
        },
        {
          figure: `simulate group detachment (${simulate.groupDetachment.affectedIdentityCount.toLocaleString('en-US')} identities)`,
          fast: `${ms(simulate.groupDetachment.p50ms)} (median of 5)`,
          naive: naiveText(simulate.naive.groupDetachment),
          ratio: ratio(simulate.groupDetachment.p50ms, simulate.naive.groupDetachment),
        },
        {
          figure: `simulate a group's grant removed (${simulate.tenThousandDetachment.affectedIdentityCount.toLocaleString('en-US')} identities)`,
          fast: `${ms(simulate.tenThousandDetachment.p50ms)} (median of 5)`,
          naive: naiveText(simulate.naive.tenThousandDetachment),
          ratio: ratio(simulate.tenThousandDetachment.p50ms, simulate.naive.tenThousandDetachment),
        },
        {
          figure: `GraphQL mixed reads over HTTP (${mixed.clients} clients in their own process)`,
          fast:
            `every answer computed: ${mixedComputed.requestsPerSecond.toLocaleString('en-US')} req/s (CPU per request: server ${mixedComputed.processCpuMsPerRequest} ms, clients ${mixedComputed.clientCpuMsPerRequest} ms); ` +
            `the mix repeated with the response cache: ${mixed.requestsPerSecond.toLocaleString('en-US')} req/s, ${(100 * mixed.keptShare).toFixed(1)}% of answers kept ones (server ${mixed.processCpuMsPerRequest} ms, clients ${mixed.clientCpuMsPerRequest} ms)`,
          naive: `${mixedNaive.lowerBound ? '< ' : ''}${naiveRate.toFixed(naiveRate < 10 ? 2 : 0)} req/s`,
          // Against the computed rate: the naive queries keep nothing either.
          ratio: `${mixedNaive.lowerBound ? '>= ' : ''}${(mixedComputed.requestsPerSecond / naiveRate).toFixed(0)}x`,
        },
      ];
      const report = {
        size,
        humans,
        date: new Date().toISOString(),
        machine: { node: process.version, cpus: cpus().length, kuzuBufferMb: Number(bufferMb), note: 'shared 2-core machine; other work ran at the same time' },
        naiveLimitMs,
        ingest: {
          records, accessGrants: run.counts.accessGrants, seconds, recordsPerSecond: Math.round(records / seconds), phasesMs, riskSnapshotAfterIngestMs,
          reingestSeconds, reingestPhasesMs, peakRssMb, peakRssThroughSnapshotMb, reingestPeakRssMb, memoryMb: firstMemoryMb, reingestMemoryMb: memoryMb,
        },
        rows,
        reads,
        sod,
        simulate,
        mixed: { ...mixed, naive: mixedNaive },
        mixedComputed,
        peakRssMbWholeRun: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      const file = writeResult(`${report.date.slice(0, 10)}-${size}.json`, report);
      rmSync(join(projectRoot(), 'bench', 'results', partialName), { force: true });
      writeReadmeTable(join(projectRoot(), 'bench'));
      console.log(JSON.stringify(rows, null, 2));
      console.log(`written to ${file} and bench/README.md`);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
