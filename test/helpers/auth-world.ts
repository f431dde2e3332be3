import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '../../src/auth/key-store';
import type { Role } from '../../src/auth/roles';
import { adminIngest, startTestServer, type TestServer } from './graphql-http';
import { sodWorld } from './sod-world';

export interface GqlResult {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; error?: { code: string; message: string } };
}

/** POST /graphql with an `Authorization: Bearer` credential (or none). */
export async function gql(url: string, bearer: string | null, query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}): Promise<GqlResult> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...extra },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult['body'] };
}

export function get(url: string, path: string, bearer: string | null): Promise<Response> {
  return fetch(`${url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
}

export interface SecuredWorld {
  t: TestServer;
  dir: string;
  keys: KeyStore;
  /** One key per role; the agent key is bound to `agent:pay-bot`. */
  key: Record<Role, string>;
  close(): Promise<void>;
}

/** A real server with API keys created before it starts (so authentication is required), holding the SoD world. */
export async function securedWorld(env: Record<string, string> = {}): Promise<SecuredWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-auth-'));
  const keys = new KeyStore(join(dir, 'db.kuzu.keys.json'));
  const key = {
    admin: keys.create({ role: 'admin', name: 'ops-admin' }).key,
    analyst: keys.create({ role: 'analyst', name: 'risk-analyst' }).key,
    agent: keys.create({ role: 'agent', name: 'pay-bot-key', agentIdentityId: 'agent:pay-bot' }).key,
    bi: keys.create({ role: 'bi', name: 'dashboards' }).key,
  };
  const t = await startTestServer({ WHOHAS_DB: join(dir, 'db.kuzu'), WHOHAS_AUDIT_DIR: join(dir, 'audit'), ...env });
  assert.equal((await adminIngest(t, sodWorld())).status, 200);
  return {
    t, dir, keys, key,
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
