import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { execute, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { createContext, type AppServices } from '../graphql/context';
import { JitExecutor } from '../graphql/jit-executor';
import { whohasSchema } from '../graphql/schema';
import type { Principal } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { boundHeapGrowth } from '../src/heap-growth';
import { followParent, relaunchUnderProcessSettings } from '../src/process-settings';
import { startServer } from '../src/server/start-server';
import { KuzuStore } from '../src/store/kuzu-store';
import { Q } from './http';
import { benchInputs } from './inputs';
import { benchMixedLoad } from './mixed-load';
import { summarize, timed } from './stats';

/**
 * `node dist/bench/jit-compare.js --db <store> [--humans N] [--rounds N] [--mixed [--mixed-runs N]]`: the bench's
 * GraphQL reads executed in-process by graphql-js and by graphql-jit (graphql/jit-executor.ts), on
 * an existing store (the bench's L store: 100,000 people), each answer built and serialised as
 * Apollo sends it. Rounds alternate between the two so a busy machine slows both alike; every
 * answer is compared byte for byte. `--mixed`: then the bench's mixed HTTP load against a server
 * with WHOHAS_GRAPHQL_JIT off and on (alternating, N times each, after an untimed 5 s). The graph is only read.
 */
const LOCAL: Principal = { id: 'bench', kind: 'local', authenticated: false, roles: ['admin', 'analyst', 'agent'], agentIdentityId: null };

type Op = { query: string; variables: Record<string, unknown> };

async function compareInProcess(services: AppServices, ops: Record<string, Op[]>, rounds: number) {
  const schema = await whohasSchema();
  const executor = new JitExecutor(schema);
  // A context per request, as Apollo builds one: loaders (and what they hold) do not carry over.
  const run: Record<'graphql-js' | 'jit', (document: DocumentNode, op: Op) => Promise<ExecutionResult>> = {
    'graphql-js': async (document, op) => execute({ schema, document, variableValues: op.variables, contextValue: createContext(services, LOCAL) }),
    jit: (document, op) => executor.execute({ document, source: op.query, operationName: null, variables: op.variables, context: createContext(services, LOCAL) }),
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, list] of Object.entries(ops)) {
    const document = parse(list[0].query);
    const times: Record<keyof typeof run, number[]> = { 'graphql-js': [], jit: [] };
    let bytes = 0;
    // Warm-up: page caches, loaders' code paths, the compiled query; and the byte-for-byte check.
    for (const op of list) {
      const [a, b] = [JSON.stringify(await run['graphql-js'](document, op)), JSON.stringify(await run.jit(document, op))];
      if (a !== b) throw new Error(`${name}: jit answered differently for ${JSON.stringify(op.variables)}`);
      bytes += a.length;
    }
    for (let r = 0; r < rounds; r++) {
      for (const mode of (r % 2 ? ['jit', 'graphql-js'] : ['graphql-js', 'jit']) as Array<keyof typeof run>) {
        for (const op of list) times[mode].push((await timed(async () => JSON.stringify(await run[mode](document, op)))).ms);
      }
    }
    const mean = (xs: number[]) => +(xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(2);
    out[name] = {
      answerBytes: Math.round(bytes / list.length),
      'graphql-js': { meanMs: mean(times['graphql-js']), ...summarize(times['graphql-js']) },
      jit: { meanMs: mean(times.jit), ...summarize(times.jit) },
      speedup: +(mean(times['graphql-js']) / mean(times.jit)).toFixed(2),
    };
    console.log(name, JSON.stringify(out[name]));
  }
  return out;
}

async function main() {
  if (relaunchUnderProcessSettings()) return;
  followParent();
  const { values } = parseArgs({ options: { db: { type: 'string' }, humans: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '6' }, mixed: { type: 'boolean', default: false }, 'mixed-runs': { type: 'string', default: '3' } } });
  if (!values.db) throw new Error('--db <path to a store> is required');
  const env = { WHOHAS_DB: values.db, WHOHAS_DEMO: 'false', PORT: '0', WHOHAS_KUZU_BUFFER_MB: process.env.WHOHAS_KUZU_BUFFER_MB ?? '4096', WHOHAS_RATE_LIMIT: '0', WHOHAS_SCHEDULER: 'false' };
  const config = loadConfig(env);
  boundHeapGrowth(config.heapGrowthPercent);

  const store = new KuzuStore(config.kuzuPath, { bufferBytes: config.kuzuBufferBytes });
  await store.init();
  const input = await benchInputs(store, Number(values.humans));
  // The reads measured use neither simulations nor the copilot.
  const services = { store, now: () => new Date() } as unknown as AppServices;
  const ops: Record<string, Op[]> = {
    effectiveAccess: input.people.map((id) => ({ query: Q.effectiveAccess, variables: { id } })),
    [`whoHas (top entitlement, ${input.topEntitlement.holders} holders)`]: Array.from({ length: 30 }, () => ({ query: Q.whoHas, variables: { e: input.topEntitlement.id } })),
    'whoHas (small entitlement)': Array.from({ length: 30 }, () => ({ query: Q.whoHas, variables: { e: input.smallEntitlement } })),
    explainAccess: input.grantedPairs.map((p) => ({ query: Q.explainAccess, variables: { i: p.identityId, e: p.entitlementId } })),
    identity: input.people.map((id) => ({ query: Q.identity, variables: { id } })),
  };
  const inProcess = await compareInProcess(services, ops, Number(values.rounds));
  await store.close();
  if (!values.mixed) return;

  const mixed: Array<Record<string, unknown>> = [];
  for (let run = 0; run < 2 * Number(values['mixed-runs']); run++) {
    const jit = run % 2 === 1;
    const server = await startServer(loadConfig({ ...env, WHOHAS_GRAPHQL_JIT: String(jit) }), { log: () => undefined });
    try {
      await server.ready;
      // Untimed first: a freshly opened store reads its pages from disk.
      await benchMixedLoad(server.url, input, input.smallEntitlement, { clients: 4, seconds: 5, inProcess: false });
      // The server's CPU per request (its thread and Kuzu's; the clients are another process): unlike the
      // rate, it holds when something else shares the machine.
      const cpu = process.cpuUsage();
      const result = await benchMixedLoad(server.url, input, input.smallEntitlement);
      const { user, system } = process.cpuUsage(cpu);
      mixed.push({ jit, ...result, serverCpuMsPerRequest: +((user + system) / 1000 / result.requests).toFixed(2) });
      console.log('mixed', JSON.stringify(mixed[mixed.length - 1]));
    } finally {
      await server.close();
    }
  }
  console.log(JSON.stringify({ inProcess, mixed }));
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
