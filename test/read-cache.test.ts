import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GenerationCache } from '../src/read/generation-cache';
import { CATALOG_TABLES, entitlementsById, groupsById, systemsById } from '../src/read/graph-reader';
import { WholeTable } from '../src/read/whole-table';
import { tempStore, type TempStore } from './helpers/temp-store';
import type { GraphStore } from '../src/store/port';
import { get, gql, securedWorld, type SecuredWorld } from './helpers/auth-world';
import { adminIngest, fixtureDir, startTestServer, type TestServer } from './helpers/graphql-http';

/**
 * Rows by id (names of identities, entitlements, accounts...) and the graph version are kept
 * between requests until the store is written (src/read/generation-cache.ts, src/graph-version.ts).
 * These tests change the graph under a warm cache and expect the next answer to follow.
 */
const BOB = `{ identity(id: "hr:bob") { displayName effectiveAccess(first: 50) { edges { node { entitlement { id name } } } } }
  whoHas(entitlementId: "sap:approve_payment", first: 50) { edges { node { identity { id displayName } paths { hops { id name } } } } } }`;

describe('rows shared between requests follow every ingest', () => {
  let t: TestServer;
  let renamed: string;
  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'false' });
    assert.equal((await adminIngest(t, fixtureDir('acme'))).body.status, 'succeeded');
    renamed = mkdtempSync(join(tmpdir(), 'whohas-renamed-'));
    cpSync(fixtureDir('acme'), renamed, { recursive: true });
    const rename = (file: string, from: string, to: string) => {
      const text = readFileSync(join(renamed, file), 'utf8');
      assert.ok(text.includes(from), `${file} holds ${from}`);
      writeFileSync(join(renamed, file), text.replaceAll(from, to));
    };
    rename('identities.ndjson', '"Bob Ruiz"', '"Robert Ruiz"');
    rename('entitlements.ndjson', '"Approve payment"', '"Approve payments"');
  });
  after(async () => {
    await t?.close();
    if (renamed) rmSync(renamed, { recursive: true, force: true });
  });

  const names = (d: any) => ({
    bob: d.identity.displayName as string,
    approve: d.identity.effectiveAccess.edges.map((e: any) => e.node.entitlement).find((x: any) => x.id === 'sap:approve_payment')?.name as string,
    holder: d.whoHas.edges.map((e: any) => e.node.identity).find((x: any) => x.id === 'hr:bob')?.displayName as string,
    hop: d.whoHas.edges.flatMap((e: any) => e.node.paths.flatMap((p: any) => p.hops)).find((h: any) => h.id === 'hr:bob')?.name as string,
  });

  it('answers with the new names and graph version after an ingest, though the old ones were served from the cache', async () => {
    const first = await t.post(BOB);
    const again = await t.post(BOB); // served from the shared rows
    assert.deepEqual(names(again.body.data), names(first.body.data));
    assert.deepEqual(names(first.body.data), { bob: 'Bob Ruiz', approve: 'Approve payment', holder: 'Bob Ruiz', hop: 'Bob Ruiz' });
    assert.equal(again.body.extensions?.graphVersion, first.body.extensions?.graphVersion);

    assert.equal((await adminIngest(t, renamed)).body.status, 'succeeded');
    const after = await t.post(BOB);
    assert.equal(after.body.errors, undefined);
    assert.deepEqual(names(after.body.data), { bob: 'Robert Ruiz', approve: 'Approve payments', holder: 'Robert Ruiz', hop: 'Robert Ruiz' });
    assert.notEqual(after.body.extensions?.graphVersion, first.body.extensions?.graphVersion);
    const { graphVersion } = await t.data('{ graphVersion }');
    assert.equal(after.body.extensions?.graphVersion, graphVersion, 'the answer carries the version the store holds');
  });

  it('keeps answers uncacheable for proxies (Cache-Control: no-store)', async () => {
    const res = await t.post('{ identity(id: "hr:bob") { id } }');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });
});

describe('rows shared between requests do not cross roles', () => {
  let w: SecuredWorld;
  before(async () => {
    w = await securedWorld();
  });
  after(() => w.close());

  it('a row read by an analyst is still refused to bi, field by field', async () => {
    const q = '{ identity(id: "hr:alice") { id displayName email } }';
    const analyst = await gql(w.t.url, w.key.analyst, q);
    assert.equal(analyst.body.errors, undefined);
    assert.ok(analyst.body.data.identity.displayName, 'the analyst sees the person (and the row is now cached)');
    const bi = await gql(w.t.url, w.key.bi, q);
    assert.equal(bi.body.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(bi.body.data?.identity ?? null, null);
    assert.equal((await get(w.t.url, '/healthz', null)).status, 200);
  });
});

/** A store that only has what the cache looks at. */
function fakeStore(generation: { n: number } | null): GraphStore {
  return (generation ? { writeGeneration: () => generation.n } : {}) as unknown as GraphStore;
}

describe('GenerationCache', () => {
  it('loads each key once per write generation, and again after the generation moves', async () => {
    const gen = { n: 0 };
    const cache = new GenerationCache<string>(fakeStore(gen), 100);
    const asked: string[][] = [];
    const load = async (keys: readonly string[]) => {
      asked.push([...keys]);
      return keys.map((k) => `${k}@${gen.n}`);
    };
    assert.deepEqual(await cache.getMany(['a', 'b', 'a'], load), ['a@0', 'b@0', 'a@0']);
    assert.deepEqual(await cache.getMany(['b', 'c'], load), ['b@0', 'c@0']);
    assert.deepEqual(asked, [['a', 'b'], ['c']]);
    gen.n++;
    assert.deepEqual(await cache.getMany(['a'], load), ['a@1']);
    assert.deepEqual(asked.at(-1), ['a']);
  });

  it('serves but does not keep what was loaded while a write committed', async () => {
    const gen = { n: 0 };
    const cache = new GenerationCache<string>(fakeStore(gen), 100);
    const during = async (keys: readonly string[]) => {
      gen.n++; // a write commits while the load runs
      return keys.map((k) => `${k}-old`);
    };
    assert.deepEqual(await cache.getMany(['a'], during), ['a-old']);
    assert.deepEqual(await cache.getMany(['a'], async (keys) => keys.map((k) => `${k}-new`)), ['a-new']);
  });

  it('caches nothing for a store that cannot tell when it was written, and stays within its size', async () => {
    let loads = 0;
    const load = async (keys: readonly string[]) => {
      loads++;
      return keys.map((k) => k.toUpperCase());
    };
    const none = new GenerationCache<string>(fakeStore(null), 100);
    await none.getMany(['a'], load);
    await none.getMany(['a'], load);
    assert.equal(loads, 2);
    const small = new GenerationCache<string>(fakeStore({ n: 0 }), 2);
    await small.getMany(['a', 'b', 'c'], load);
    assert.equal(small.size, 2);
    assert.deepEqual(await small.getMany(['a', 'b', 'c'], load), ['A', 'B', 'C']);
  });
});

describe('WholeTable: a small catalog table read whole once per write generation', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(fixtureDir('acme'))).status, 'succeeded');
  });
  after(() => t?.close());

  it('holds every row as the by-id read gives it, and nothing else', async () => {
    for (const [kind, byId] of [['group', groupsById], ['entitlement', entitlementsById], ['system', systemsById]] as const) {
      const table = await new WholeTable<{ id: string }>(t.store, CATALOG_TABLES[kind], 1000).get();
      assert.ok(table && table.size > 2, kind);
      assert.deepEqual(await byId(t.store, [...table.keys()]), [...table.values()], kind);
      assert.equal(table.get('nope'), undefined);
    }
  });

  it('reads once per generation, again after a write, and gives null past its bound', async () => {
    const table = new WholeTable<{ id: string }>(t.store, CATALOG_TABLES.group, 1000);
    const first = await table.get();
    assert.equal(await table.get(), first, 'the same map until the store is written');
    assert.equal((await t.ingest(fixtureDir('acme'))).status, 'succeeded');
    const next = await table.get();
    assert.ok(next && next !== first);
    assert.deepEqual([...next.keys()].sort(), [...first!.keys()].sort());
    const groups = first!.size;
    assert.equal(await new WholeTable<{ id: string }>(t.store, CATALOG_TABLES.group, groups - 1).get(), null);
    assert.ok(await new WholeTable<{ id: string }>(t.store, CATALOG_TABLES.group, groups).get());
    assert.equal(await new WholeTable<{ id: string }>(fakeStore(null), CATALOG_TABLES.group, groups).get(), null);
  });
});
