import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KeyStore } from '../../src/auth/key-store';
import type { Role } from '../../src/auth/roles';
import { startTestServer, type TestServer } from './graphql-http';
import { tempDir } from './temp-dir';

export interface Answer {
  status: number;
  /** The body with what differs between two stores by time or chance (graph version, run ids and times, generated ids) replaced by placeholders. */
  body: string;
}

interface Side {
  t: TestServer;
  key: Record<Role, string>;
  graphVersion: string;
}

export interface JitPair {
  /** The same request to both servers: [jit on, jit off]. `as`: the role whose key it carries (default agent: reads and simulates). */
  both(query: string, variables?: Record<string, unknown>, as?: Role | null): Promise<[Answer, Answer]>;
  on: Side;
  off: Side;
  close(): Promise<void>;
}

/** Values a placeholder stands for, by key: the same demo loaded twice differs only in these. */
const BY_KEY: Record<string, string> = { startedAt: '<time>', finishedAt: '<time>', conversationId: '<conversation>' };
const BY_VALUE: Array<[RegExp, string]> = [
  [/^run-\d{6}-[0-9a-f]{8}$/, '<run>'],
  [/^sim-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '<simulation>'],
];

/** Placeholders for time and chance; everything else, key order included, is kept as sent. */
export function normalise(text: string, graphVersion: string): string {
  return JSON.stringify(JSON.parse(text), (key, value) => {
    if (typeof value !== 'string') return value;
    if (key in BY_KEY) return BY_KEY[key];
    if (value === graphVersion) return '<graph-version>';
    return BY_VALUE.find(([re]) => re.test(value))?.[1] ?? value;
  });
}

async function startSide(jit: boolean, humans: number): Promise<Side> {
  const dir = tempDir(`whohas-jit-${jit ? 'on' : 'off'}-`);
  // Keys made before the start: authentication is then required, so roles are enforced as in production.
  const keys = new KeyStore(join(dir, 'db.kuzu.keys.json'));
  const key = Object.fromEntries((['admin', 'analyst', 'agent', 'bi'] as const).map((role) => [role, keys.create({ role, name: `jit-${role}` }).key])) as Record<Role, string>;
  const t = await startTestServer({ WHOHAS_DB: join(dir, 'db.kuzu'), WHOHAS_DEMO: 'true', WHOHAS_DEMO_HUMANS: String(humans), WHOHAS_GRAPHQL_JIT: String(jit) }, { bearer: key.agent });
  const graphVersion = (await t.data('{ graphVersion }')).graphVersion as string;
  assert.notEqual(graphVersion, '0', 'the demo should be loaded');
  return { t, key, graphVersion };
}

async function ask(side: Side, query: string, variables: Record<string, unknown> | undefined, as: Role | null): Promise<Answer> {
  const res = await fetch(`${side.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${side.key[as]}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: normalise(await res.text(), side.graphVersion) };
}

/**
 * Two real servers on the same deterministic demo enterprise, one executing through graphql-jit and
 * one through graphql-js (WHOHAS_GRAPHQL_JIT), each on its own embedded store.
 */
export async function jitPair(humans = 200): Promise<JitPair> {
  const on = await startSide(true, humans);
  const off = await startSide(false, humans).catch(async (e: unknown) => {
    await on.t.close();
    throw e;
  });
  return {
    on,
    off,
    async both(query, variables, as = 'agent') {
      return [await ask(on, query, variables, as), await ask(off, query, variables, as)];
    },
    async close() {
      await Promise.all([on.t.close(), off.t.close()]);
    },
  };
}
