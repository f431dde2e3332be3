import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemo } from '../../src/demo/generate-demo';
import { KuzuStore } from '../../src/store/kuzu-store';
import { ingestBundle } from '../../ingest/bundle/run-ingest';
import { exportTo, folderFiles } from '../helpers/export-helpers';

const CHILD = join(__dirname, '..', 'helpers', 'ingest-child.js');
const NOW = () => new Date('2026-11-01T00:00:00Z');

/** A small deterministic generator, so the kill moments are random but the test is repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function withStore<T>(db: string, work: (s: KuzuStore) => Promise<T>): Promise<T> {
  const store = new KuzuStore(db);
  await store.init();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function exported(store: KuzuStore, dir: string): Promise<Record<string, string>> {
  await exportTo(store, dir);
  return folderFiles(dir);
}

/** Runs the child ingest; kills it with SIGKILL `killAfterMs` after it opened the store (never, when null). */
function childIngest(db: string, bundle: string, runs: string, killAfterMs: number | null, rebuildMinRecords: number): Promise<{ killed: boolean; committed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, db, bundle, runs, String(rebuildMinRecords)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let opened = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!opened && out.includes('opened')) {
        opened = Date.now();
        if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`ingest child failed (${code}): ${out}`));
      resolve({ killed: signal === 'SIGKILL', committed: out.includes('committed'), ms: opened ? Date.now() - opened : 0 });
    });
  });
}

/**
 * Both ways a run reaches the embedded store: merged into the live graph in one transaction, and
 * built as a new generation that replaces the live file by a rename (ingest/bundle/generation/).
 */
const MODES = [
  { name: 'merged into the live graph', rebuildMinRecords: Number.MAX_SAFE_INTEGER },
  { name: 'built as a new generation', rebuildMinRecords: 0 },
];

for (const mode of MODES) {
describe(`crash-safe ingest (${mode.name}): SIGKILL at random moments leaves the old graph or the new one, never a mix`, () => {
  const work = mkdtempSync(join(tmpdir(), 'whohas-crash-'));
  const bundleA = join(work, 'A');
  const bundleB = join(work, 'B');
  const seeded = join(work, 'seeded');
  let exportA: Record<string, string>;
  let exportB: Record<string, string>;
  let cleanMs = 0;

  before(async () => {
    await writeDemo(bundleA, { humans: 120 });
    await writeDemo(bundleB, { humans: 160 });
    // The previous state: A, ingested and closed; every trial starts from a copy of these files.
    mkdirSync(seeded);
    exportA = await withStore(join(seeded, 'db.kuzu'), async (s) => {
      const run = await ingestBundle(s, bundleA, { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8, now: NOW, rebuildMinRecords: mode.rebuildMinRecords });
      assert.equal(run.status, 'succeeded');
      return exported(s, join(work, 'export-A'));
    });
    // The clean result of "A, then B", with B's ingest timed in a child process like the crashed ones.
    const clean = join(work, 'clean');
    cpSync(seeded, clean, { recursive: true });
    const run = await childIngest(join(clean, 'db.kuzu'), bundleB, join(work, 'runs'), null, mode.rebuildMinRecords);
    assert.ok(run.committed);
    cleanMs = run.ms;
    exportB = await withStore(join(clean, 'db.kuzu'), (s) => exported(s, join(work, 'export-B')));
    assert.notDeepEqual(exportA, exportB, 'the two states differ, so a mix would show');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('after each kill the store opens with A or B whole, and re-running B gives exactly the clean B', async () => {
    const random = mulberry32(20261123);
    const outcomes: string[] = [];
    for (let trial = 0; trial < 4; trial++) {
      // Anywhere from just after opening to just past the clean run's end (so some kills land after the commit).
      const killAfterMs = Math.round(50 + random() * (cleanMs + 200));
      const dir = join(work, `trial-${trial}`);
      cpSync(seeded, dir, { recursive: true });
      const db = join(dir, 'db.kuzu');
      const crash = await childIngest(db, bundleB, join(work, 'runs'), killAfterMs, mode.rebuildMinRecords);
      await withStore(db, async (s) => {
        assert.ok(!existsSync(`${db}.next`) && !existsSync(`${db}.stage`), 'opening the store removes what a killed rebuild left');
        const after = await exported(s, join(dir, 'after-kill'));
        const state = JSON.stringify(after) === JSON.stringify(exportA) ? 'A' : JSON.stringify(after) === JSON.stringify(exportB) ? 'B' : 'MIXED';
        outcomes.push(`kill at ${killAfterMs} ms of ~${cleanMs} ms: ${crash.killed ? 'killed' : 'finished first'}, store holds ${state}`);
        assert.notEqual(state, 'MIXED', `trial ${trial}: the store holds neither A nor B after a kill at ${killAfterMs} ms`);
        if (crash.committed) assert.equal(state, 'B', 'a run that said it committed is there');
        const rerun = await ingestBundle(s, bundleB, { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8, now: NOW, rebuildMinRecords: mode.rebuildMinRecords });
        assert.equal(rerun.status, 'succeeded', JSON.stringify(rerun.error));
        const again = await exported(s, join(dir, 'after-rerun'));
        for (const name of Object.keys(exportB)) assert.ok(again[name] === exportB[name], `trial ${trial}: ${name} differs from the clean run`);
        const ids = again['identities.ndjson'].trim().split('\n').map((l) => JSON.parse(l).id);
        assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      });
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(outcomes.join('\n'));
  });
});

describe(`readers during an ingest (${mode.name}) see the old graph or the new one`, () => {
  it('every read snapshot pairs a graph version with the counts of that same version', async () => {
    const work = mkdtempSync(join(tmpdir(), 'whohas-readers-'));
    try {
      await writeDemo(join(work, 'A'), { humans: 120 });
      await writeDemo(join(work, 'B'), { humans: 160 });
      await withStore(join(work, 'db.kuzu'), async (s) => {
        const opts = { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8, now: NOW, rebuildMinRecords: mode.rebuildMinRecords };
        assert.equal((await ingestBundle(s, join(work, 'A'), opts)).status, 'succeeded');
        const look = () => s.read(async (tx) => {
          const version = String((await tx.run('meta/get', { key: 'graphVersion' }))[0]?.value);
          const count = Number((await tx.run('meta/node-count', {}))[0]?.identities);
          const grants = Number((await tx.run('read/holders-of-entitlement-count', { entitlementId: 'okta:license:mfa', now: '2026-11-01T00:00:00Z' }))[0]?.total ?? 0);
          return `${version}|${count}|${grants}`;
        });
        const before = await look();
        const ingest = ingestBundle(s, join(work, 'B'), opts);
        const seen = new Set<string>();
        let reads = 0;
        let done = false;
        ingest.finally(() => (done = true)).catch(() => undefined);
        while (!done) {
          seen.add(await look());
          reads++;
          await new Promise((r) => setTimeout(r, 20));
        }
        const result = await ingest;
        assert.equal(result.status, 'succeeded', `the ingest failed while readers ran (${reads} reads): ${JSON.stringify(result.error)}`);
        const afterwards = await look();
        assert.notEqual(before, afterwards);
        assert.deepEqual([...seen].filter((o) => o !== before && o !== afterwards), [], 'no snapshot mixes the two graphs');
        assert.ok(reads >= 5, `only ${reads} reads ran while the ingest did`);
        console.log(`${reads} reads during the ingest saw: ${[...seen].map((o) => (o === before ? 'old' : 'new')).join(', ')}`);
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
}
