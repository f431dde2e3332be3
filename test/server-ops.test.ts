import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { exportCommand } from '../src/cli/export-command';
import { loadConfig } from '../src/config';
import { trackRequests } from '../src/server/graceful-shutdown';
import { Readiness, healthRouter } from '../src/server/health-routes';
import { KuzuStore } from '../src/store/kuzu-store';
import { PINNED_EXPORTED_AT, folderFiles } from './helpers/export-helpers';
import { adminIngest, fixtureDir, startTestServer, type TestServer } from './helpers/graphql-http';

describe('a running server: /readyz, and `whohas export` while it holds the store', () => {
  let t: TestServer;
  const work = mkdtempSync(join(tmpdir(), 'whohas-ops-'));
  const dbPath = join(work, 'db.kuzu');
  before(async () => {
    t = await startTestServer({ WHOHAS_DB: dbPath });
    const res = await adminIngest(t, fixtureDir('acme'));
    assert.equal(res.body.status, 'succeeded', JSON.stringify(res.body));
  });
  after(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('/readyz is 200 with the graph version once start-up is done; /healthz says the process is up', async () => {
    const ready = await fetch(`${t.url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; store: string; graphVersion: string };
    assert.equal(body.status, 'ready');
    assert.equal(body.store, 'kuzu');
    assert.match(body.graphVersion, /^\d+-[0-9a-f]+$/);
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
  });

  test('the export streams through the server, and equals a direct export of the same store', async () => {
    const config = loadConfig({ WHOHAS_DB: dbPath, WHOHAS_DEMO: 'false' });
    const viaServer = await exportCommand(config, join(work, 'via-server'), { exportedAt: PINNED_EXPORTED_AT });
    assert.equal(viaServer.via, 'through the running server');
    assert.equal(viaServer.summary.source.source, 'acme-hr');
    assert.ok(viaServer.summary.counts.identities > 0);

    await t.server.close(); // frees the store, so the CLI opens it itself
    const direct = await exportCommand(config, join(work, 'direct'), { exportedAt: PINNED_EXPORTED_AT });
    assert.match(direct.via, /^directly/);
    assert.deepEqual(folderFiles(join(work, 'direct')), folderFiles(join(work, 'via-server')));
    t = await startTestServer(); // for after()
  });

  test('the export route wants the admin token and valid options, and refuses before streaming', async () => {
    const bad = await fetch(`${t.url}/admin/export`);
    assert.equal(bad.status, 401);
    const wrong = await fetch(`${t.url}/admin/export?exportedAt=yesterday`, { headers: { 'x-whohas-admin-token': t.adminToken } });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'BAD_USER_INPUT');
  });
});

describe('readiness follows start-up and shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-ready-'));
  let store: KuzuStore;
  before(async () => {
    store = new KuzuStore(join(dir, 'db.kuzu'));
    await store.init();
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function probe(readiness: Readiness): Promise<{ status: number; body: { status: string; reason: string | null } }> {
    const app = express().use(healthRouter(store, readiness));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      return { status: res.status, body: (await res.json()) as { status: string; reason: string | null } };
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test('503 while start-up work runs, 200 after it, 503 again once draining', async () => {
    const readiness = new Readiness();
    let finish!: () => void;
    const startup = new Promise<void>((resolve) => (finish = resolve));
    readiness.track(startup);
    assert.deepEqual(await probe(readiness), { status: 503, body: { status: 'starting', reason: null, store: 'kuzu' } });
    finish();
    await startup;
    assert.equal((await probe(readiness)).status, 200);
    readiness.drain();
    assert.deepEqual((await probe(readiness)).body.status, 'draining');
  });

  test('a start-up that failed is never ready, and says why', async () => {
    const readiness = new Readiness();
    const startup = Promise.reject(new Error('demo ingest failed: disk full'));
    readiness.track(startup);
    await startup.catch(() => undefined);
    const { status, body } = await probe(readiness);
    assert.equal(status, 503);
    assert.equal(body.status, 'failed');
    assert.match(body.reason ?? '', /disk full/);
  });
});

describe('graceful shutdown of the HTTP server', () => {
  /** A server whose one route answers when the test says so. */
  async function slowServer() {
    const gates: Array<() => void> = [];
    const server = createServer((_req, res) => {
      gates.push(() => res.end('finished'));
    });
    const drain = trackRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const get = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/' }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body })).on('error', reject);
        })
          .on('error', reject)
          .end();
      });
    const arrived = async (n: number) => {
      while (drain.inFlight() < n) await new Promise((r) => setImmediate(r));
    };
    return { server, drain, get, arrived, gates };
  }

  test('a request in flight finishes; new connections are refused meanwhile', async () => {
    const s = await slowServer();
    const inFlight = s.get();
    await s.arrived(1);
    let drained = false;
    const draining = s.drain.drain(60_000).then((r) => {
      drained = true;
      return r;
    });
    await new Promise((r) => setImmediate(r));
    assert.equal(drained, false, 'drain waits for the request');
    await assert.rejects(s.get(), /ECONNREFUSED|ECONNRESET|socket hang up/);
    s.gates[0]();
    assert.deepEqual(await inFlight, { status: 200, body: 'finished' });
    assert.deepEqual(await draining, { waitedFor: 1, cutOff: 0 });
  });

  test('past the grace period, what is still running is cut off', async () => {
    const s = await slowServer();
    const inFlight = s.get();
    await s.arrived(1);
    assert.deepEqual(await s.drain.drain(0), { waitedFor: 1, cutOff: 1 });
    await assert.rejects(inFlight, /socket hang up|ECONNRESET/);
  });

  test('a whohas server closes its store on shutdown, so the next process can open it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whohas-close-'));
    try {
      const t = await startTestServer({ WHOHAS_DB: join(dir, 'db.kuzu') });
      await t.server.close();
      // Another process, as the next `whohas` would be: Kuzu's file lock only keeps other processes out.
      const script = `const k = require(${JSON.stringify(require.resolve('kuzu'))}); const db = new k.Database(${JSON.stringify(join(dir, 'db.kuzu'))}); db.init().then(() => db.close()).then(() => console.log('opened'))`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(child.stdout.trim(), 'opened', child.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
