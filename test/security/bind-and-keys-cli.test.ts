import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config';
import { KeyStore } from '../../src/auth/key-store';
import { startServer } from '../../src/server/start-server';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'whohas.js');

describe('binding: loopback only without authentication', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-bind-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { WHOHAS_DB: join(dir, 'db.kuzu'), PORT: '0', WHOHAS_DEMO: 'false' };

  it('refuses to start on a non-loopback address without auth, before opening the store', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', '127.evil.example']) {
      await assert.rejects(startServer(loadConfig({ ...env, WHOHAS_HOST: host }), { log: () => undefined }), (e: any) => {
        assert.equal(e.code, 'CONFIG_INVALID');
        assert.match(e.message, /Refusing to listen on .* without authentication/);
        return true;
      });
    }
  });

  it('says so at start on loopback, and starts on any address once a key exists', async () => {
    const lines: string[] = [];
    const local = await startServer(loadConfig(env), { log: (_lvl, msg) => lines.push(msg) });
    await local.close();
    assert.ok(lines.some((l) => /no authentication configured: listening on loopback \(127\.0\.0\.1\) only/.test(l)), lines.join('\n'));
    new KeyStore(join(dir, 'db.kuzu.keys.json')).create({ role: 'admin' });
    const open = await startServer(loadConfig({ ...env, WHOHAS_HOST: '0.0.0.0' }), { log: (_lvl, msg) => lines.push(msg) });
    try {
      assert.ok(lines.some((l) => /authentication required: API keys, the admin token/.test(l)));
      const port = new URL(open.url).port;
      assert.equal((await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ graphVersion }"}' })).status, 401);
    } finally {
      await open.close();
    }
  });
});

describe('a first start on a fresh checkout', () => {
  it('creates the database folder itself: the key file (pseudonym key) is written before the store opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whohas-fresh-'));
    try {
      const db = join(dir, 'data', 'whohas.kuzu');
      const server = await startServer(loadConfig({ WHOHAS_DB: db, PORT: '0', WHOHAS_DEMO: 'false' }), { log: () => undefined });
      try {
        const res = await fetch(`${server.url}/readyz`);
        assert.equal(res.status, 200, await res.text());
        assert.equal(statSync(`${db}.keys.json`).mode & 0o777, 0o600);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('whohas keys create / list / revoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'keys', ...args], { env: { ...process.env, WHOHAS_DB: join(dir, 'db.kuzu') }, encoding: 'utf8' });

  it('shows the key once, stores only its hash (0600), lists without secrets, and revokes', () => {
    const created = run('create', '--role', 'agent', '--name', 'pay-bot', '--agent', 'agent:pay-bot', '--json');
    assert.equal(created.status, 0, created.stderr);
    const info = JSON.parse(created.stdout);
    const secret = /^whk_[0-9a-f]{12}_([A-Za-z0-9_-]{43})$/.exec(info.key)?.[1];
    assert.ok(secret, `key format: ${info.key}`);
    assert.equal(info.agentIdentityId, 'agent:pay-bot');
    const file = join(dir, 'db.kuzu.keys.json');
    const stored = readFileSync(file, 'utf8');
    // The whole secret: its alphabet includes '_', so split('_') could test a fragment (a flaky failure seen once).
    assert.ok(!stored.includes(secret), 'the secret is not stored');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const listed = run('list');
    assert.match(listed.stdout, /pay-bot\s+agent/);
    assert.ok(!listed.stdout.includes(info.key));
    assert.ok(new KeyStore(file).verify(info.key));
    assert.equal(run('revoke', 'pay-bot').status, 0);
    assert.equal(new KeyStore(file).verify(info.key), null);
    assert.match(run('list').stdout, /REVOKED/);
    const bad = run('create', '--role', 'root');
    assert.equal(bad.status, 2);
    const boundWrong = run('create', '--role', 'analyst', '--agent', 'agent:x');
    assert.equal(boundWrong.status, 1);
    assert.match(boundWrong.stderr, /BAD_USER_INPUT: Only an agent key can be bound/);
  });
});
