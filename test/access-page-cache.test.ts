import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AccessPageCache, type StoredAccessPage } from '../src/read/access-page-cache';
import { effectiveAccess, holdersOf } from '../src/read/access-reader';
import type { GraphStore } from '../src/store/port';
import { gql, securedWorld, type SecuredWorld } from './helpers/auth-world';
import { adminIngest, fixtureDir, startTestServer, type TestServer } from './helpers/graphql-http';
import { tempStore, type TempStore } from './helpers/temp-store';

/**
 * Pages of effectiveAccess and whoHas are shared between requests (src/read/access-page-cache.ts)
 * until the store is written or a counted grant expires. These tests move the graph or the clock
 * under a warm cache and expect the answer the store gives without it.
 */

/** A store that only has what the cache looks at. */
function fakeStore(generation: { n: number } | null): GraphStore {
  return (generation ? { writeGeneration: () => generation.n } : {}) as unknown as GraphStore;
}

const page = (label: string, readAt: string, nextExpiry: string | null, pathChars = 10): StoredAccessPage => ({
  rows: [{ identityId: label, entitlementId: 'e', viaDelegation: false, paths: 'x'.repeat(pathChars), lastUsedAt: null, useCount: 0 }],
  total: 1, readAt, nextExpiry,
});

describe('AccessPageCache', () => {
  it('serves a page from when it was read until the first counted grant expires, then reads again', async () => {
    const cache = new AccessPageCache(fakeStore({ n: 0 }));
    let reads = 0;
    const read = (now: string) => async () => page(`read ${++reads}`, now, '2026-06-01T00:00:00.000Z');
    assert.equal((await cache.get('k', '2026-01-01T00:00:00.000Z', read('2026-01-01T00:00:00.000Z'))).rows[0].identityId, 'read 1');
    assert.equal((await cache.get('k', '2026-05-31T23:59:59.999Z', read('2026-05-31T23:59:59.999Z'))).rows[0].identityId, 'read 1');
    // At the expiry itself the store's `activeUntil > $now` drops that grant.
    assert.equal((await cache.get('k', '2026-06-01T00:00:00.000Z', read('2026-06-01T00:00:00.000Z'))).rows[0].identityId, 'read 2');
    // A request that started earlier than the read may see grants the read had already dropped.
    assert.equal((await cache.get('k', '2026-05-01T00:00:00.000Z', read('2026-05-01T00:00:00.000Z'))).rows[0].identityId, 'read 3');
  });

  it('keeps a page with nothing expiring until the store is written', async () => {
    const gen = { n: 0 };
    const cache = new AccessPageCache(fakeStore(gen));
    let reads = 0;
    const read = async () => page(`read ${++reads}`, '2026-01-01T00:00:00.000Z', null);
    await cache.get('k', '2026-01-01T00:00:00.000Z', read);
    assert.equal((await cache.get('k', '2099-01-01T00:00:00.000Z', read)).rows[0].identityId, 'read 1');
    gen.n++;
    assert.equal((await cache.get('k', '2099-01-01T00:00:00.000Z', read)).rows[0].identityId, 'read 2');
  });

  it('serves but does not keep a page read while a write committed, and caches nothing without writeGeneration', async () => {
    const gen = { n: 0 };
    const cache = new AccessPageCache(fakeStore(gen));
    const during = async () => {
      gen.n++; // a write commits while the read runs
      return page('old', '2026-01-01T00:00:00.000Z', null);
    };
    assert.equal((await cache.get('k', '2026-01-01T00:00:00.000Z', during)).rows[0].identityId, 'old');
    assert.equal(cache.size, 0);
    let reads = 0;
    const none = new AccessPageCache(fakeStore(null));
    const read = async () => page(`read ${++reads}`, '2026-01-01T00:00:00.000Z', null);
    await none.get('k', '2026-01-01T00:00:00.000Z', read);
    await none.get('k', '2026-01-01T00:00:00.000Z', read);
    assert.equal(reads, 2);
  });

  it('stays within its budget, dropping the least recently used page first', async () => {
    const perPage = 200 + 100; // row overhead + paths
    const cache = new AccessPageCache(fakeStore({ n: 0 }), 2 * perPage);
    const now = '2026-01-01T00:00:00.000Z';
    const read = (label: string) => async () => page(label, now, null, 100);
    await cache.get('a', now, read('a'));
    await cache.get('b', now, read('b'));
    await cache.get('a', now, read('a again')); // a is now the most recent
    await cache.get('c', now, read('c'));
    assert.equal(cache.size, 2);
    assert.equal((await cache.get('a', now, read('a reread'))).rows[0].identityId, 'a', 'a was kept');
    assert.equal((await cache.get('b', now, read('b reread'))).rows[0].identityId, 'b reread', 'b was dropped');
  });
});

describe('cached pages answer as the store does (embedded store, acme)', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore('whohas-page-cache-');
    assert.equal((await t.ingest(fixtureDir('acme'))).status, 'succeeded');
  });
  after(() => t?.close());

  it('drops a grant from a cached page once its delegation expires, as an uncached read does', async () => {
    const cache = new AccessPageCache(t.store);
    const first = { skip: 0, limit: 50 };
    const ids = (r: { nodes: Array<{ entitlementId: string }> }) => r.nodes.map((g) => g.entitlementId);
    const before2099 = '2099-06-29T00:00:00.000Z';
    const after2099 = '2099-06-30T00:00:00.001Z';
    const early = await effectiveAccess(t.store, 'agent:payments-sub', first, before2099, cache);
    assert.ok(ids(early).includes('sap:approve_payment'), 'held by delegation until 2099-06-30');
    assert.deepEqual(await effectiveAccess(t.store, 'agent:payments-sub', first, before2099, cache), early, 'served again');
    const late = await effectiveAccess(t.store, 'agent:payments-sub', first, after2099, cache);
    assert.deepEqual(late, await effectiveAccess(t.store, 'agent:payments-sub', first, after2099));
    assert.ok(!ids(late).includes('sap:approve_payment'));
    const holders = async (now: string, c?: AccessPageCache) => (await holdersOf(t.store, 'sap:approve_payment', first, now, c));
    assert.deepEqual(await holders(before2099, cache), await holders(before2099));
    assert.deepEqual(await holders(after2099, cache), await holders(after2099));
    assert.ok((await holders(before2099, cache)).total > (await holders(after2099, cache)).total);
  });

  it('counts a short first page by its rows and a full one with the count query, to the same totals', async () => {
    const now = '2026-11-01T00:00:00.000Z';
    for (const id of ['hr:bob', 'agent:payments-sub', 'agent:payments-bot', 'hr:nobody']) {
      const [counted] = await t.store.run('read/access-of-identity-count', { identityId: id, now });
      for (const limit of [1, 2, 50]) {
        const got = await effectiveAccess(t.store, id, { skip: 0, limit }, now);
        assert.equal(got.total, Number(counted.total), `${id}, first ${limit}`);
        assert.deepEqual(got.nodes, (await effectiveAccess(t.store, id, { skip: 0, limit: 50 }, now)).nodes.slice(0, limit));
      }
    }
  });
});

describe('cached pages follow every ingest (HTTP)', () => {
  let t: TestServer;
  let without: string;
  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'false' });
    assert.equal((await adminIngest(t, fixtureDir('acme'))).body.status, 'succeeded');
    // The same bundle without Bob's SAP account in AP Senior, the group that grants Approve payment.
    without = mkdtempSync(join(tmpdir(), 'whohas-no-ap-senior-'));
    cpSync(fixtureDir('acme'), without, { recursive: true });
    const file = join(without, 'memberships.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    const kept = lines.filter((l) => !l.includes('"memberId":"sap:bob","memberType":"account","groupId":"sap:grp:ap-senior"'));
    assert.equal(kept.length, lines.length - 1);
    writeFileSync(file, kept.join('\n'));
  });
  after(async () => {
    await t?.close();
    if (without) rmSync(without, { recursive: true, force: true });
  });

  const Q = `{ identity(id: "hr:bob") { effectiveAccess(first: 50) { totalCount edges { node { entitlement { id } } } } }
    whoHas(entitlementId: "sap:approve_payment", first: 50) { totalCount edges { node { identity { id } } } } }`;
  const held = (d: any) => ({
    bobHas: d.identity.effectiveAccess.edges.some((e: any) => e.node.entitlement.id === 'sap:approve_payment'),
    bobHolds: d.whoHas.edges.some((e: any) => e.node.identity.id === 'hr:bob'),
    access: d.identity.effectiveAccess.totalCount as number,
    holders: d.whoHas.totalCount as number,
  });

  it('answers from the new graph after an ingest, though the pages were served from the cache before it', async () => {
    const first = held((await t.data(Q)) as any);
    assert.deepEqual(held((await t.data(Q)) as any), first, 'the second answer, from the cache, is the same');
    assert.equal(first.bobHas, true);
    assert.equal(first.bobHolds, true);
    assert.equal((await adminIngest(t, without)).body.status, 'succeeded');
    const after = held((await t.data(Q)) as any);
    assert.equal(after.bobHas, false);
    assert.equal(after.bobHolds, false);
    assert.ok(after.access < first.access);
    assert.ok(after.holders < first.holders);
  });
});

describe('cached pages do not cross roles', () => {
  let w: SecuredWorld;
  before(async () => {
    w = await securedWorld();
  });
  after(() => w.close());

  it('a page read by an analyst is still refused to bi', async () => {
    const access = '{ identity(id: "hr:alice") { effectiveAccess(first: 50) { totalCount edges { node { entitlement { id } } } } } }';
    const analyst = await gql(w.t.url, w.key.analyst, access);
    assert.equal(analyst.body.errors, undefined);
    const edges = analyst.body.data.identity.effectiveAccess.edges;
    assert.ok(edges.length > 0, 'the analyst sees Alice’s access (and the page is now cached)');
    const whoHas = `{ whoHas(entitlementId: "${edges[0].node.entitlement.id}", first: 50) { totalCount edges { node { identity { id } } } } }`;
    assert.equal((await gql(w.t.url, w.key.analyst, whoHas)).body.errors, undefined);
    for (const q of [access, whoHas]) {
      const bi = await gql(w.t.url, w.key.bi, q);
      assert.equal(bi.body.errors?.[0]?.extensions?.code, 'FORBIDDEN', q);
      assert.equal(bi.body.data?.identity ?? bi.body.data?.whoHas ?? null, null);
    }
  });
});
