import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';
import { loadConfig } from '../../src/config';
import { readServerFile, serverFilePath } from '../../src/server/server-file';
import { startServer, type RunningServer } from '../../src/server/start-server';

export interface GqlResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body (GraphQL responses are always JSON). */
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
  text: string;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  adminToken: string;
  /** Every raw error response body seen so far, for the "nothing internal leaks" check. */
  errorBodies: string[];
  /** Every GraphQL response body seen so far. */
  responses: GqlResponse['body'][];
  post(query: string, variables?: Record<string, unknown>): Promise<GqlResponse>;
  /** POST that must succeed with no errors; returns `data`. */
  data(query: string, variables?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/** A real server (Kuzu on disk in a temp folder, port 0), as `whohas serve` starts it; `post` and `data` send `opts.bearer` if given. */
export async function startTestServer(env: Record<string, string> = {}, opts: { bearer?: string } = {}): Promise<TestServer> {
  const dir = tempDir('whohas-gql-');
  const config = loadConfig({ WHOHAS_DB: join(dir, 'db.kuzu'), PORT: '0', WHOHAS_DEMO: 'false', ...env });
  const server = await startServer(config, { log: () => undefined });
  await server.ready;
  const file = readServerFile(serverFilePath(config.kuzuPath));
  assert.ok(file, 'the server should announce itself in its server file');
  const errorBodies: string[] = [];
  const responses: GqlResponse['body'][] = [];
  const post = async (query: string, variables?: Record<string, unknown>): Promise<GqlResponse> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as GqlResponse['body'];
    responses.push(body);
    if (body.errors) errorBodies.push(text);
    return { status: res.status, headers: res.headers, body, text };
  };
  return {
    url: server.url,
    server,
    adminToken: file.adminToken,
    errorBodies,
    responses,
    post,
    async data(query, variables) {
      const res = await post(query, variables);
      assert.equal(res.body.errors, undefined, `unexpected errors: ${JSON.stringify(res.body.errors)}`);
      assert.equal(res.status, 200);
      return res.body.data;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The checked-in fixture bundle, read in place (ingest never writes into the bundle). */
export function fixtureDir(name: string): string {
  return join(__dirname, '..', '..', '..', 'test', 'fixtures', name);
}

/** Ingests through the running server's admin hook, as `whohas ingest` does while a server holds the store. */
export async function adminIngest(t: TestServer, path: string, token = t.adminToken): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/admin/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-whohas-admin-token': token },
    body: JSON.stringify({ path }),
  });
  return { status: res.status, body: await res.json() };
}

/** Things no client should ever see in an error: stacks, engine names, file paths. */
export const INTERNALS = /\bat \S+ \(|\.(?:ts|js):\d+|node_modules|\/work\/|\bkuzu\b|binder|runtime exception|cypher/i;
