import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { writeDemoBundle } from '../src/demo/generate-demo';
import { startServer } from '../src/server/start-server';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { projectRoot } from '../src/paths';
import { benchSod } from './sod-bench';
import { benchSimulate } from './simulate-bench';

/**
 * `npm run bench -- --size S|M`: builds the deterministic demo enterprise at that size, ingests it
 * through the normal path, then measures GraphQL latency over real HTTP (warm-up first, medians of
 * repeated runs). Results go to bench/results/<size>-<date>.json.
 */
const SIZES: Record<string, number> = { S: 3000, M: 15000, L: 100000 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeQueries(url: string, label: string, bodies: object[], warmup = 20) {
  const post = (body: object) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
      const json = (await r.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`${label}: ${JSON.stringify(json.errors)}`);
    });
  for (let i = 0; i < warmup; i++) await post(bodies[i % bodies.length]);
  const times: number[] = [];
  for (const body of bodies) {
    const t = process.hrtime.bigint();
    await post(body);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { label, n: times.length, p50ms: +percentile(times, 50).toFixed(2), p95ms: +percentile(times, 95).toFixed(2), maxMs: +times[times.length - 1].toFixed(2) };
}

async function main() {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' } } });
  const size = String(values.size).toUpperCase();
  const humans = SIZES[size];
  if (!humans) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const work = mkdtempSync(join(tmpdir(), 'whohas-bench-'));
  try {
    const bundle = join(work, 'bundle');
    await writeDemoBundle(bundle, { humans });
    // One run is one transaction, bounded by the page cache: larger sizes need a larger cache.
    const bufferMb = process.env.WHOHAS_KUZU_BUFFER_MB ?? String({ S: 1024, M: 4096, L: 12288 }[size]);
    const config = loadConfig({ WHOHAS_DB: join(work, 'db.kuzu'), WHOHAS_DEMO: 'false', PORT: '0', WHOHAS_KUZU_BUFFER_MB: bufferMb });
    const server = await startServer(config, { log: () => undefined });
    try {
      const started = Date.now();
      const run = await ingestBundle(server.store, bundle, { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8 });
      const seconds = (Date.now() - started) / 1000;
      if (run.status !== 'succeeded') throw new Error(`ingest failed: ${run.error?.message}`);
      const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
      const reingestStart = Date.now();
      await ingestBundle(server.store, bundle, { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8 });
      const reingestSeconds = (Date.now() - reingestStart) / 1000;

      const ids = Array.from({ length: 200 }, (_, i) => `hr:E${10001 + ((i * 37) % humans)}`);
      const entitlements = ['okta:role:org_admin', 'okta:app:slack', 'okta:license:mfa', 'aws:123456789012:action/s3:read'];
      const results = [
        await timeQueries(server.url, 'effectiveAccess (first 50, with paths)', ids.map((id) => ({
          query: 'query($id:ID!){ identity(id:$id){ effectiveAccess(first:50){ totalCount edges { node { entitlement { id name } viaDelegation paths { hops { kind id name edge } } } } } } }',
          variables: { id },
        }))),
        await timeQueries(server.url, 'whoHas (first 50 of the holders, with paths)', Array.from({ length: 100 }, (_, i) => ({
          query: 'query($e:ID!){ whoHas(entitlementId:$e, first:50){ totalCount edges { node { identity { id } paths { hops { kind id } } } } } }',
          variables: { e: entitlements[i % entitlements.length] },
        }))),
        await timeQueries(server.url, 'explainAccess', ids.map((id, i) => ({
          query: 'query($i:ID!,$e:ID!){ explainAccess(identityId:$i, entitlementId:$e){ granted summary } }',
          variables: { i: id, e: entitlements[i % entitlements.length] },
        }))),
      ];
      const sod = await benchSod(server.store);
      const someone = (i: number) => `hr:E${10001 + ((i * 53) % humans)}`;
      results.push(
        await timeQueries(server.url, 'sodViolations (first 50, cached scan)', Array.from({ length: 50 }, () => ({
          query: '{ sodViolations(first: 50) { totalCount edges { node { identityId kind left { paths { hops { id } } } } } } }',
        }))),
        await timeQueries(server.url, 'sodCheck (one identity, one entitlement)', Array.from({ length: 100 }, (_, i) => ({
          query: 'query($i:ID!,$e:[ID!]!){ sodCheck(identityId:$i, add:$e){ wouldViolate introduced { identityId } } }',
          variables: { i: someone(i), e: [entitlements[i % 2]] },
        }))),
      );
      const simulate = await benchSimulate(server.url, server.store, humans);
      const report = {
        size,
        humans,
        date: new Date().toISOString(),
        machine: { node: process.version, cpus: (await import('node:os')).cpus().length, kuzuBufferMb: Number(bufferMb) },
        ingest: {
          records,
          accessGrants: run.counts.accessGrants,
          seconds,
          recordsPerSecond: Math.round(records / seconds),
          phasesMs: run.timingsMs,
          reingestSeconds,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        },
        sod,
        simulate,
        latency: results,
      };
      const dir = join(projectRoot(), 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${size}-${report.date.slice(0, 10)}.json`);
      writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
      console.log(JSON.stringify(report, null, 2));
      console.log(`written to ${file}`);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
