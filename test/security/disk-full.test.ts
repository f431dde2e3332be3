import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { writeDemo } from '../../src/demo/generate-demo';
import { adminIngest, startTestServer } from '../helpers/graphql-http';

/** A real full disk: the database on a small tmpfs. Needs root (mount); skipped where that is not allowed. */
const diskEnv = (work: string, mnt: string) =>
  ({ WHOHAS_DB: join(mnt, 'db.kuzu'), WHOHAS_RUNS_DIR: join(work, 'runs'), WHOHAS_AUDIT_DIR: join(work, 'audit'), WHOHAS_KUZU_BUFFER_MB: '256' });
const count = async (s: Awaited<ReturnType<typeof startTestServer>>) => (await s.data('{ identities(first: 1) { totalCount } }')).identities.totalCount;

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A tmpfs with bundles A (60 people) and B (600) beside it; `body` shrinks and grows it as it needs. */
async function onSmallDisk(t: TestContext, body: (work: string, mnt: string) => Promise<void>): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'whohas-disk-'));
  const mnt = join(work, 'mnt');
  mkdirSync(mnt);
  if (!tryMount(mnt)) {
    rmSync(work, { recursive: true, force: true });
    t.skip('mounting a tmpfs needs root');
    return;
  }
  try {
    await writeDemo(join(work, 'A'), { humans: 60 });
    await writeDemo(join(work, 'B'), { humans: 600 });
    await body(work, mnt);
  } finally {
    // Lazily: a database faulted on the disk is deliberately never closed (closing it crashes), so its files stay open until exit.
    execFileSync('umount', ['-l', mnt]);
    rmSync(work, { recursive: true, force: true });
  }
}

describe('a full disk during an ingest', () => {
  it('merged into the live graph: fails the run with a code, keeps the old graph and serving reads, reports it on /readyz, and recovers on restart', (t) => onSmallDisk(t, async (work, mnt) => {
    const env = { ...diskEnv(work, mnt), WHOHAS_REBUILD_MIN_RECORDS: String(Number.MAX_SAFE_INTEGER) };

    const server = await startTestServer(env);
    let before: number;
    try {
      assert.equal((await adminIngest(server, join(work, 'A'))).body.status, 'succeeded');
      before = await count(server);
      const usedKb = Number(execFileSync('du', ['-sk', mnt]).toString().split('\t')[0]);
      execFileSync('mount', ['-o', `remount,size=${usedKb + 256}k`, mnt]);

      const full = (await adminIngest(server, join(work, 'B'))).body;
      assert.equal(full.status, 'failed');
      assert.equal(full.error.code, 'INGEST_FAILED');
      assert.match(full.error.message, /nothing was applied: IO exception: Cannot write to file/);
      assert.equal(await count(server), before, 'the old graph is whole and still served');

      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { status: string; reason: string };
      assert.equal(body.status, 'store-unavailable');
      assert.match(body.reason, /writes need a restart/);

      // kuzu 0.11.3 crashes the process on the next write after a disk fault; it must be refused instead.
      execFileSync('mount', ['-o', 'remount,size=256m', mnt]);
      const again = (await adminIngest(server, join(work, 'B'))).body;
      assert.equal(again.error?.code ?? again.status, 'STORE_UNAVAILABLE', JSON.stringify(again).slice(0, 300));
    } finally {
      await server.close(); // must not crash either
    }

    // A restart, in this process: the faulted Database object is left open (as a dying process would
    // leave it), and a new one opens the same files, as the next process would.
    const restarted = await startTestServer(env);
    try {
      assert.equal((await fetch(`${restarted.url}/readyz`)).status, 200);
      assert.equal(await count(restarted), before, 'after the restart the old graph is there');
      assert.equal((await adminIngest(restarted, join(work, 'B'))).body.status, 'succeeded');
      assert.ok((await count(restarted)) > before);
    } finally {
      await restarted.close();
    }
  }));

  it('built as a new generation: fails the run with a code, leaves the live graph and its writes untouched, and the next run succeeds without a restart', (t) => onSmallDisk(t, async (work, mnt) => {
    const server = await startTestServer({ ...diskEnv(work, mnt), WHOHAS_REBUILD_MIN_RECORDS: '0' });
    try {
      assert.equal((await adminIngest(server, join(work, 'A'))).body.status, 'succeeded');
      const before = await count(server);
      const usedKb = Number(execFileSync('du', ['-sk', mnt]).toString().split('\t')[0]);
      execFileSync('mount', ['-o', `remount,size=${usedKb + 256}k`, mnt]);

      const full = (await adminIngest(server, join(work, 'B'))).body;
      assert.equal(full.status, 'failed');
      assert.equal(full.error.code, 'INGEST_FAILED');
      assert.match(full.error.message, /nothing was applied: .*(no space left|Cannot write to file)/i);
      assert.equal(await count(server), before, 'the old graph is whole and still served');
      assert.deepEqual(readdirSync(mnt).filter((f) => /\.(next|stage)/.test(f)), [], 'the half-built generation is gone');
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'the live database was never written, so the store stays ready');

      execFileSync('mount', ['-o', 'remount,size=256m', mnt]);
      assert.equal((await adminIngest(server, join(work, 'B'))).body.status, 'succeeded', 'room again: the same server takes the run');
      assert.ok((await count(server)) > before);
    } finally {
      await server.close();
    }
  }));
});
