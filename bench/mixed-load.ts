import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Q } from './http';
import type { NaiveBaseline, NaiveFigure } from './naive';
import type { ReadInputs } from './read-bench';

/**
 * GraphQL requests/s over HTTP for a mixed read workload: `clients` concurrent callers, each
 * cycling through profile + accounts, effective access, explainAccess and whoHas of a small
 * entitlement, for `seconds`. The naive figure answers the same mix with variable-length
 * queries one after another, so its rate is 1000 / mean ms.
 */
function mix(input: ReadInputs, smallEntitlement: string) {
  const ops: Array<{ query: string; vars: Record<string, unknown>; naive: [string, Record<string, unknown>] }> = [];
  input.people.forEach((id, k) => {
    const pair = input.grantedPairs[k % input.grantedPairs.length];
    ops.push({ query: Q.identity, vars: { id }, naive: ['bench/naive-access-of-identity', { identityId: id }] });
    ops.push({ query: Q.effectiveAccess, vars: { id }, naive: ['bench/naive-access-of-identity', { identityId: id }] });
    ops.push({ query: Q.explainAccess, vars: { i: pair.identityId, e: pair.entitlementId }, naive: ['bench/naive-explain', { ...pair, limit: 8 }] });
    ops.push({ query: Q.whoHas, vars: { e: smallEntitlement }, naive: ['bench/naive-holders-of-entitlement', { entitlementId: smallEntitlement }] });
  });
  return ops;
}

/**
 * The clients run in a child process (bench/mixed-client.ts), as callers do in production: with the
 * loop on the server's own thread, the figure was half what the server can serve. `inProcess` keeps
 * the old way, for comparison with results from before 2026-11-24.
 */
export async function benchMixedLoad(url: string, input: ReadInputs, smallEntitlement: string, opts: { clients: number; seconds: number; inProcess: boolean; computed?: boolean } = { clients: 4, seconds: 15, inProcess: false }) {
  const ops = mix(input, smallEntitlement).map(({ query, vars }) => ({ query, vars }));
  const job: MixedJob = { url, ops, clients: opts.clients, seconds: opts.seconds, computed: opts.computed ?? false };
  const cpu = process.cpuUsage();
  const { requests, seconds, cpuMs, answers } = opts.inProcess ? { ...(await runClients(job)), cpuMs: null } : await runInChild(job);
  const { user, system } = process.cpuUsage(cpu);
  const perRequest = (ms: number) => +(ms / requests).toFixed(2);
  return {
    clients: opts.clients, clientsInProcess: opts.inProcess, seconds: +seconds.toFixed(1), requests, requestsPerSecond: Math.round(requests / seconds), mixSize: ops.length,
    // Each answer's x-whohas-cache header: hit (a kept answer), miss or bypass (computed), off (not reusable).
    answers, keptShare: +((answers.hit ?? 0) / requests).toFixed(3), everyAnswerComputed: job.computed,
    // The machine's 2 cores serve the callers too: what each side took per request, so a rate can be read against it.
    // This process's CPU: the server's (its thread, Kuzu's and V8's), and the callers' when they run in it.
    processCpuMsPerRequest: perRequest((user + system) / 1000),
    clientCpuMsPerRequest: cpuMs === null ? null : perRequest(cpuMs),
  };
}

/** `computed`: every request sends `Cache-Control: no-cache`, so no answer comes from the server's response cache. */
export type MixedJob = { url: string; ops: Array<{ query: string; vars: Record<string, unknown> }>; clients: number; seconds: number; computed: boolean };
export type MixedRun = { requests: number; seconds: number; answers: Record<string, number> };

/** `clients` callers, each asking the next operation of the mix as soon as its last answer came. */
export async function runClients(job: MixedJob): Promise<MixedRun> {
  let next = 0;
  let requests = 0;
  const answers: Record<string, number> = {};
  const started = Date.now();
  const until = started + job.seconds * 1000;
  const headers = { 'content-type': 'application/json', 'x-whohas-client': 'bench', ...(job.computed ? { 'cache-control': 'no-cache' } : {}) };
  await Promise.all(
    Array.from({ length: job.clients }, async () => {
      while (Date.now() < until) {
        const op = job.ops[next++ % job.ops.length];
        const res = await fetch(`${job.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: op.query, variables: op.vars }) });
        const text = await res.text();
        // Parsed only when it may hold errors: a caller reads its answer, but parsing 50 KB of paths
        // here took CPU from the server on the same two cores.
        if (res.status !== 200 || (text.includes('"errors"') && (JSON.parse(text) as { errors?: unknown }).errors)) {
          throw new Error(`bench query failed (${res.status}): ${text.slice(0, 500)}`);
        }
        const outcome = res.headers.get('x-whohas-cache') ?? 'none';
        answers[outcome] = (answers[outcome] ?? 0) + 1;
        requests++;
      }
    }),
  );
  return { requests, seconds: (Date.now() - started) / 1000, answers };
}

function runInChild(job: MixedJob): Promise<MixedRun & { cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'mixed-client.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the mixed-read clients exited with ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

/** The same mix, naive: one operation at a time until `ops` have run or one is interrupted. */
export async function naiveMixedRate(naive: NaiveBaseline, input: ReadInputs, smallEntitlement: string, count = 12): Promise<NaiveFigure> {
  const ops = mix(input, smallEntitlement).slice(0, count);
  const times: number[] = [];
  for (const op of ops) {
    const r = await naive.once(op.naive[0], op.naive[1]);
    // Interrupted: the mean is at least (time so far + the limit) / (operations so far + 1).
    if (!r) return naive.result([], 1, (times.reduce((a, b) => a + b, 0) + naive.limitMs) / (times.length + 1));
    times.push(r.ms);
  }
  // The mean, not the median: a rate over a mix is its total time divided by its count.
  return naive.result([times.reduce((a, b) => a + b, 0) / times.length], 0);
}
