import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readServerFile, serverFilePath } from '../src/server/server-file';
import { fixtureDir } from './helpers/graphql-http';

/**
 * Forged cursors with large offsets, against `whohas serve` in a child process: a request that
 * kills the server must fail this test, not take the test runner down with it.
 */
const cursor = (offset: string) => Buffer.from(`o:${offset}`).toString('base64url');

describe('forged pagination cursors (server in a child process)', () => {
  let child: ChildProcess;
  let url: string;
  let dir: string;
  let stderr = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'whohas-cursors-'));
    const db = join(dir, 'db.kuzu');
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'whohas.js'), 'serve'], {
      env: { ...process.env, WHOHAS_STORE: 'kuzu', WHOHAS_DB: db, PORT: '0', WHOHAS_DEMO: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    let file = null;
    for (let i = 0; i < 300 && !file; i++) {
      assert.equal(child.exitCode, null, `server exited early: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
      file = readServerFile(serverFilePath(db));
    }
    assert.ok(file, `server did not start: ${stderr}`);
    url = file.url;
    const res = await fetch(`${url}/admin/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-whohas-admin-token': file.adminToken },
      body: JSON.stringify({ path: fixtureDir('acme') }),
    });
    assert.equal(((await res.json()) as { status: string }).status, 'succeeded');
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** The page after a forged cursor: an empty last page or BAD_USER_INPUT are both acceptable. */
  async function pageAfter(offset: string) {
    let res: Response;
    try {
      res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ identities(first: 2, after: "${cursor(offset)}") { pageInfo { hasNextPage } edges { cursor node { id } } } }` }),
      });
    } catch (e) {
      await new Promise((r) => setTimeout(r, 200));
      assert.fail(`the server died (exit ${child.exitCode}, signal ${child.signalCode}): ${(e as Error).message}`);
    }
    return (await res.json()) as { data: any; errors?: Array<{ message: string; extensions: { code: string } }> };
  }

  function assertEmptyOrRefused(offset: string, body: Awaited<ReturnType<typeof pageAfter>>) {
    if (body.errors) {
      assert.equal(body.errors[0].extensions.code, 'BAD_USER_INPUT', `offset ${offset}: ${JSON.stringify(body.errors)}`);
    } else {
      assert.deepEqual(body.data.identities, { pageInfo: { hasNextPage: false }, edges: [] }, `offset ${offset}`);
    }
  }

  it('serves an empty last page for a cursor just past the end', async () => {
    assertEmptyOrRefused('1000', await pageAfter('1000'));
  });

  // kuzu 0.11.3 truncates SKIP to 32 bits (o:4294967295 used to return the first page again) and
  // segfaults on ORDER BY ... SKIP n with n far past the last row (one request killed the server).
  it('does not wrap a cursor past 2^32 around to the first page', async () => {
    assertEmptyOrRefused('4294967295', await pageAfter('4294967295'));
  });

  it('refuses a cursor beyond int64 as BAD_USER_INPUT, not STORE_QUERY_FAILED', async () => {
    assertEmptyOrRefused('99999999999999999999', await pageAfter('99999999999999999999'));
  });

  it('survives a cursor far past the end', async () => {
    assertEmptyOrRefused('1000000', await pageAfter('1000000'));
    const health = await fetch(`${url}/healthz`).catch(() => null);
    assert.equal(health?.status, 200, `the server died (signal ${child.signalCode})`);
  });
});
