import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeDemo } from '../src/demo/generate-demo';
import { BundleDirWriter } from '../src/export/bundle-writer';
import { MIXED_SOURCE, exportGraph, type ExportSink } from '../src/export/export-graph';
import { fixtureDir } from './helpers/graphql-http';
import { PINNED_EXPORTED_AT, allAnswers, exportTo, folderFiles, idsIn } from './helpers/export-helpers';
import { graphSnapshot } from './helpers/snapshot';
import { tempStore, type TempStore } from './helpers/temp-store';

/** The clock every ingest and read here uses, so expiry and the index agree across stores. */
const NOW = new Date('2026-11-15T12:00:00Z');
const now = () => NOW;

/**
 * Migration between stores: store A -> canonical bundle -> fresh store B -> bundle again. The two
 * bundles must be the same bytes, and B must answer every access question as A does.
 */
for (const world of ['demo enterprise (200 humans)', 'acme fixture (CSV, JSON and NDJSON files)'] as const) {
  describe(`export round trip: ${world}`, () => {
    const work = mkdtempSync(join(tmpdir(), 'whohas-export-'));
    let a: TempStore;
    let b: TempStore;
    let input: string;

    before(async () => {
      if (world.startsWith('demo')) {
        input = join(work, 'demo');
        await writeDemo(input, { humans: 200 });
      } else {
        input = fixtureDir('acme');
      }
      a = await tempStore('whohas-export-a-');
      b = await tempStore('whohas-export-b-');
      const run = await a.ingest(input, { now });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    });
    after(async () => {
      await a?.close();
      await b?.close();
      rmSync(work, { recursive: true, force: true });
    });

    test('the export ingests cleanly into a fresh store, and exporting that store gives the same bytes', async () => {
      const first = await exportTo(a.store, join(work, 'first'));
      const run = await b.ingest(join(work, 'first'), { now });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
      assert.deepEqual(run.unknownFiles, []);
      const second = await exportTo(b.store, join(work, 'second'));

      const one = folderFiles(join(work, 'first'));
      const two = folderFiles(join(work, 'second'));
      assert.deepEqual(Object.keys(two), Object.keys(one));
      for (const name of Object.keys(one)) assert.ok(one[name] === two[name], `${name} differs between the two exports`);
      assert.deepEqual(second.counts, first.counts);
      assert.ok(first.counts.identities > 0 && first.counts.grants > 0 && first.counts.memberships > 0, JSON.stringify(first.counts));
    });

    test('the fresh store answers effective access and holders exactly as the original', async () => {
      const dir = join(work, 'first');
      const identities = idsIn(dir, 'identities.ndjson');
      const entitlements = idsIn(dir, 'entitlements.ndjson');
      const at = NOW.toISOString();
      const [fromA, fromB] = [await allAnswers(a.store, identities, entitlements, at), await allAnswers(b.store, identities, entitlements, at)];
      assert.deepEqual(fromB, fromA);
      const granted = Object.values(fromA.access).reduce((n: number, list) => n + (list as unknown[]).length, 0);
      assert.ok(granted > 0, 'the world grants something, so equality means something');
    });

    test('every node, relationship and property is the same in both stores (but the graph version)', async () => {
      const { graphVersion: _a, ...snapA } = await graphSnapshot(a.store);
      const { graphVersion: _b, ...snapB } = await graphSnapshot(b.store);
      // Each store numbers its own runs: the graph version is the one thing that must differ.
      const own = (rows: string[]) => rows.filter((r) => !r.includes('"key":"graphVersion"'));
      for (const [what, all] of Object.entries(snapA) as Array<[string, string[]]>) {
        const rowsA = own(all);
        const rowsB = own((snapB as Record<string, string[]>)[what]);
        const onlyA = rowsA.filter((r) => !rowsB.includes(r)).slice(0, 3);
        const onlyB = rowsB.filter((r) => !rowsA.includes(r)).slice(0, 3);
        assert.deepEqual({ what, onlyB, onlyA }, { what, onlyB: [], onlyA: [] });
        assert.equal(rowsB.length, rowsA.length, what);
      }
    });

    test('records are in the spec\'s shape: spec field order, nothing null, ids sorted, source.json names the source', () => {
      const dir = join(work, 'first');
      const ids = idsIn(dir, 'identities.ndjson');
      assert.deepEqual(ids, [...ids].sort());
      const firstIdentity = JSON.parse(readFileSync(join(dir, 'identities.ndjson'), 'utf8').split('\n')[0]) as Record<string, unknown>;
      assert.deepEqual(Object.keys(firstIdentity).slice(0, 3), ['id', 'kind', 'displayName']);
      assert.doesNotMatch(readFileSync(join(dir, 'grants.ndjson'), 'utf8'), /null/);
      const source = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8'));
      assert.deepEqual(source, { source: world.startsWith('demo') ? 'demo' : 'acme-hr', mode: 'full', exportedAt: PINNED_EXPORTED_AT });
    });
  });
}

describe('export: sources, conflicts and targets', () => {
  const work = mkdtempSync(join(tmpdir(), 'whohas-export-misc-'));
  let t: TempStore;
  before(async () => {
    t = await tempStore('whohas-export-misc-');
    assert.equal((await t.ingest(fixtureDir('acme'), { now })).status, 'succeeded');
    const extra = join(work, 'extra-bundle');
    mkdirSync(extra);
    writeFileSync(join(extra, 'source.json'), JSON.stringify({ source: 'contractors', mode: 'full', exportedAt: '2026-11-02T00:00:00Z' }));
    writeFileSync(join(extra, 'identities.ndjson'), JSON.stringify({ id: 'ext:zed', kind: 'human', displayName: 'Zed Contractor', status: 'active' }) + '\n');
    assert.equal((await t.ingest(extra, { now })).status, 'succeeded');
  });
  after(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('records from several sources export under one name, which --source can choose', async () => {
    const mixed = await exportTo(t.store, join(work, 'mixed'));
    assert.deepEqual(mixed.sources, ['acme-hr', 'contractors']);
    assert.equal(mixed.source.source, MIXED_SOURCE);
    const named = await exportTo(t.store, join(work, 'named'), { source: 'migrated' });
    assert.equal(JSON.parse(readFileSync(join(work, 'named', 'source.json'), 'utf8')).source, 'migrated');
    assert.equal(named.counts.identities, mixed.counts.identities);
  });

  test('an ingest that lands during an export makes it start over, so the bundle is one committed state', async () => {
    let ingested = false;
    const writer = new BundleDirWriter(join(work, 'moved'));
    const sink: ExportSink = {
      begin: (n) => writer.begin(),
      finish: (s) => writer.finish(s),
      async write(entity, record) {
        if (!ingested) {
          ingested = true; // between two pages of the first attempt, as a scheduled job would
          const late = join(work, 'late-bundle');
          mkdirSync(late);
          writeFileSync(join(late, 'source.json'), JSON.stringify({ source: 'late', mode: 'incremental', exportedAt: '2026-11-03T00:00:00Z' }));
          writeFileSync(join(late, 'identities.ndjson'), JSON.stringify({ id: 'zz:late', kind: 'service', displayName: 'Late Service', status: 'active' }) + '\n');
          assert.equal((await t.ingest(late, { now })).status, 'succeeded');
        }
        await writer.write(entity, record);
      },
    };
    const summary = await exportGraph(t.store, sink, { exportedAt: PINNED_EXPORTED_AT, pageSize: 2 });
    assert.equal(summary.attempts, 2);
    assert.ok(idsIn(join(work, 'moved'), 'identities.ndjson').includes('zz:late'));
    await exportTo(t.store, join(work, 'after-move'), { pageSize: 2 });
    assert.deepEqual(folderFiles(join(work, 'moved')), folderFiles(join(work, 'after-move')));
  });

  test('when ingests keep landing, the export gives up with EXPORT_CONFLICT and writes nothing', async () => {
    let n = 0;
    const writer = new BundleDirWriter(join(work, 'never'));
    const sink: ExportSink = {
      begin: () => writer.begin(),
      finish: (s) => writer.finish(s),
      async write(entity, record) {
        await t.store.write((tx) => tx.run('meta/set', { key: 'graphVersion', value: `test-${++n}`, seq: 0 }));
        await writer.write(entity, record);
      },
    };
    await assert.rejects(exportGraph(t.store, sink, { maxAttempts: 2, pageSize: 2 }), { code: 'EXPORT_CONFLICT' });
    await writer.abort();
    assert.equal(existsSync(join(work, 'never')), false);
  });

  test('a folder that is not empty is refused, and pages of any size give the same bytes', async () => {
    mkdirSync(join(work, 'full'));
    writeFileSync(join(work, 'full', 'keep.txt'), 'mine');
    await assert.rejects(exportTo(t.store, join(work, 'full')), { code: 'OUTPUT_EXISTS' });
    assert.equal(readFileSync(join(work, 'full', 'keep.txt'), 'utf8'), 'mine');
    await exportTo(t.store, join(work, 'page1'), { pageSize: 1 });
    await exportTo(t.store, join(work, 'page-big'), { pageSize: 10_000 });
    assert.deepEqual(folderFiles(join(work, 'page1')), folderFiles(join(work, 'page-big')));
  });
});
