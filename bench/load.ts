import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { writeResult } from './results-file';

/**
 * `npm run bench:load [-- --mode short|full --connections N --size S|M --label NAME]`: a mixed GraphQL workload
 * (effective access, whoHas, explain, simulate) from loopback with autocannon against a server in
 * its own process, sampling that process's RSS. `full` adds a 5-minute soak; `short` runs ~1 minute.
 * Results go to bench/results/load-<mode>-<date>.json.
 */
// autocannon ships no types; this is the part used here.
interface AcRequest { method: 'POST'; path: string; headers: Record<string, string>; body?: string; setupRequest?: (r: AcRequest) => AcRequest; onResponse?: (status: number, body: string) => void }
interface AcResult { requests: { average: number; total: number }; latency: { p50: number; p90: number; p99: number; max: number; average: number }; errors: number; timeouts: number; non2xx: number; duration: number }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: object) => Promise<AcResult> = require('autocannon');

const SIZES: Record<string, number> = { S: 3000, M: 15000 };
const ENTITLEMENTS = ['okta:role:org_admin', 'okta:app:slack', 'okta:license:mfa', 'aws:123456789012:action/s3:read'];
const Q = {
  effectiveAccess: 'query($id:ID!){ identity(id:$id){ effectiveAccess(first:50){ totalCount edges { node { entitlement { id name } viaDelegation paths { hops { kind id edge } } } } } } }',
  whoHas: 'query($e:ID!){ whoHas(entitlementId:$e, first:50){ totalCount edges { node { identity { id } paths { hops { kind id } } } } } }',
  explainAccess: 'query($i:ID!,$e:ID!){ explainAccess(identityId:$i, entitlementId:$e){ granted summary } }',
  simulate: 'mutation($c:[ChangeInput!]!){ simulate(changes:$c){ id affectedIdentityCount lostCount deltas(first:20){ totalCount } } }',
};
type Op = keyof typeof Q;
/** The mix, by share of requests: reads dominate, as an agent or a console asks far more than it simulates. */
const MIX: Array<[Op, number]> = [['effectiveAccess', 35], ['whoHas', 25], ['explainAccess', 25], ['simulate', 15]];

interface ServerInfo { url: string; work: string; humans: number; removals: Array<{ memberId: string; groupId: string }>; accessGrants: number }

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function bodyFor(op: Op, info: ServerInfo, n: number): string {
  const person = `hr:E${10001 + ((n * 7919) % info.humans)}`;
  const variables = op === 'effectiveAccess' ? { id: person }
    : op === 'whoHas' ? { e: ENTITLEMENTS[n % ENTITLEMENTS.length] }
    : op === 'explainAccess' ? { i: person, e: ENTITLEMENTS[n % ENTITLEMENTS.length] }
    : { c: [{ op: 'REMOVE_MEMBERSHIP', ...info.removals[n % info.removals.length] }] };
  return JSON.stringify({ query: Q[op], variables });
}

function requestsFor(ops: Op[], info: ServerInfo, errors: Record<string, number>): AcRequest[] {
  let n = 0;
  return ops.map((op) => ({
    method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'x-whohas-client': 'bench-load' },
    setupRequest: (r: AcRequest) => ({ ...r, body: bodyFor(op, info, n++) }),
    // A GraphQL error comes back as 200: count it by looking for the errors key.
    onResponse: (_status: number, body: string) => {
      if (body.includes('"errors"')) errors[op] = (errors[op] ?? 0) + 1;
    },
  }));
}

function summary(r: AcResult) {
  return { reqPerSec: Math.round(r.requests.average * 10) / 10, total: r.requests.total, p50ms: r.latency.p50, p90ms: r.latency.p90, p99ms: r.latency.p99, maxMs: r.latency.max, socketErrors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, seconds: r.duration };
}

async function main() {
  const { values } = parseArgs({ options: { label: { type: 'string' }, mode: { type: 'string', default: 'short' }, connections: { type: 'string', default: '8' }, size: { type: 'string', default: 'S' } } });
  const mode = values.mode === 'full' ? 'full' : 'short';
  const connections = Number(values.connections);
  const humans = SIZES[String(values.size).toUpperCase()];
  if (!humans) throw new Error('--size must be S or M');
  // As deployed (the Docker image sets it): graphql-js skips its development checks (its `instanceOf`
  // was 4-8% of the main thread). The server's own settings come from load-server's explicit config.
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = spawn(process.execPath, [join(__dirname, 'load-server.js'), String(humans)], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const started = Date.now();
  const info: ServerInfo = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
  });
  console.log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${info.accessGrants} access grants); RSS ${rssMb(child.pid!)} MB`);
  const samples: Array<{ t: number; rssMb: number }> = [];
  const t0 = Date.now();
  const sampler = setInterval(() => samples.push({ t: Math.round((Date.now() - t0) / 1000), rssMb: rssMb(child.pid!) }), 5000);
  try {
    const errors: Record<string, number> = {};
    const perOp: Record<string, unknown> = {};
    for (const [op] of MIX) {
      perOp[op] = summary(await autocannon({ url: info.url, connections: 4, duration: mode === 'full' ? 20 : 8, requests: requestsFor([op], info, errors) }));
      console.log(op, JSON.stringify(perOp[op]));
    }
    const mixOps = MIX.flatMap(([op, share]) => Array.from({ length: share / 5 }, () => op));
    const mixed = summary(await autocannon({ url: info.url, connections, duration: mode === 'full' ? 300 : 30, requests: requestsFor(mixOps, info, errors) }));
    console.log('mixed', JSON.stringify(mixed));
    clearInterval(sampler);
    const soak = samples.filter((s) => s.t >= (samples.at(-1)!.t - mixed.seconds));
    const third = Math.max(1, Math.floor(soak.length / 3));
    const avg = (xs: typeof samples) => Math.round(xs.reduce((a, s) => a + s.rssMb, 0) / xs.length);
    const report = {
      date: new Date().toISOString(), mode, humans, accessGrants: info.accessGrants, connections,
      machine: { node: process.version, cpus: cpus().length, note: 'shared 2-core machine; other agents ran tests at the same time, so figures are noisy lower bounds' },
      mix: Object.fromEntries(MIX), mixed, perOperation: perOp, graphqlErrors: errors,
      rss: { samples, duringMixedFirstThirdMb: avg(soak.slice(0, third)), duringMixedLastThirdMb: avg(soak.slice(-third)), maxMb: Math.max(...samples.map((s) => s.rssMb)) },
    };
    // --label keeps before/after runs of one day apart (load-short-<date>-<label>.json).
    const file = writeResult(`load-${mode}-${report.date.slice(0, 10)}${values.label ? `-${values.label.replace(/[^\w.-]/g, '_')}` : ''}.json`, report);
    console.log(`RSS during the mixed run: first third ${report.rss.duringMixedFirstThirdMb} MB, last third ${report.rss.duringMixedLastThirdMb} MB, max ${report.rss.maxMb} MB`);
    console.log(`written to ${file}`);
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(info.work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
