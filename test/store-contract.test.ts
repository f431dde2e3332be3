import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import neo4j from 'neo4j-driver';
import { KuzuStore } from '../src/store/kuzu-store';
import { Neo4jStore, fromNeo4jValue, toNeo4jValue } from '../src/store/neo4j-store';
import type { GraphStore, QueryRunner } from '../src/store/port';

/**
 * What every GraphStore adapter must do, run against each backend with the same tests and the
 * same named queries (cypher/contract/). Kuzu always runs; Neo4j runs when NEO4J_URI is set.
 */
interface Backend {
  name: string;
  skip: string | false;
  /** A new store instance, initialised; `slot` picks a separate database where the backend has files. */
  open(slot: string): Promise<GraphStore>;
  dispose(): void;
}

function kuzuBackend(): Backend {
  let dir: string | null = null;
  return {
    name: 'kuzu',
    skip: false,
    async open(slot) {
      dir ??= mkdtempSync(join(tmpdir(), 'whohas-contract-'));
      const store = new KuzuStore(join(dir, `${slot}.kuzu`));
      await store.init();
      return store;
    },
    dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function neo4jBackend(): Backend {
  const uri = process.env.NEO4J_URI;
  return {
    name: 'neo4j',
    skip: uri ? false : 'NEO4J_URI is not set; see docs/neo4j.md to run this suite against a Neo4j',
    async open() {
      const store = new Neo4jStore({
        uri: uri!,
        user: process.env.NEO4J_USER ?? 'neo4j',
        password: process.env.NEO4J_PASSWORD ?? '',
        database: process.env.NEO4J_DATABASE || undefined,
      });
      await store.init();
      return store;
    },
    dispose() {},
  };
}

/** A full GC, then a beat for native finalisers; node:test runs without --expose-gc, so enable it here. */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

function contractSuite(backend: Backend): void {
  describe(`GraphStore contract: ${backend.name}`, { skip: backend.skip }, () => {
    let store: GraphStore;
    // Every id this run writes starts with it, so a shared Neo4j is left as it was found.
    const prefix = `contract-${randomUUID()}:`;
    const id = (s: string) => `${prefix}${s}`;
    const identity = (s: string, displayName = s) => ({ id: id(s), displayName, department: null, updateTag: 1 });
    const count = async (tx: QueryRunner, p = prefix) => (await tx.run('contract/count-by-prefix', { prefix: p }))[0].n;

    before(async () => {
      store = await backend.open('main');
    });
    after(async () => {
      if (store) {
        await store.write(async (tx) => {
          await tx.run('contract/delete-identities-by-prefix', { prefix });
          await tx.run('contract/delete-entitlements-by-prefix', { prefix });
        });
        await store.close();
      }
      backend.dispose();
    });

    test('init is idempotent: twice on one store, and again on a new store over the same data', async () => {
      await store.run('contract/upsert-identity', identity('init'));
      await store.init();
      assert.equal(await count(store, id('init')), 1);

      const first = await backend.open('reopen');
      await first.init();
      await first.write((tx) => tx.run('contract/upsert-identity', identity('reopen')));
      await first.close();
      // Whatever a repeated init() left behind must not be able to undo that write when the garbage
      // collector finalises it (with Kuzu, a second Database object on the same files did exactly that).
      await collectGarbage();
      const second = await backend.open('reopen');
      try {
        assert.equal(await count(second, id('reopen')), 1);
      } finally {
        await second.write((tx) => tx.run('contract/delete-identities-by-prefix', { prefix: id('reopen') }));
        await second.close();
      }
    });

    test('parameters round-trip: strings, null, undefined, booleans, integers, string lists', async () => {
      const s = 'héllo "quoted" \'single\' ✓ \\ $notAParam';
      const rows = await store.run('contract/echo', { s, n: null, b: true, i: 42, l: ['a', 'b c'] });
      assert.deepEqual(rows, [{ s, n: null, b: true, i: 42, l: ['a', 'b c'] }]);
      const more = await store.run('contract/echo', { s: '', n: undefined, b: false, i: -9007199254740991, l: ['x'] });
      assert.deepEqual(more, [{ s: '', n: null, b: false, i: -9007199254740991, l: ['x'] }]);
    });

    test('values stored on nodes and relationships come back as written', async () => {
      const written = { id: id('ent'), name: 'Admin', privileged: true, updateTag: 9007199254740991, description: null };
      assert.deepEqual(await store.run('contract/upsert-entitlement', written), [written]);
      const off = { ...written, privileged: false, updateTag: 0 };
      assert.deepEqual(await store.run('contract/upsert-entitlement', off), [off]);

      await store.run('contract/upsert-identity', identity('from'));
      await store.run('contract/upsert-identity', identity('to'));
      const scope = ['read:reports', 'write:tickets'];
      assert.deepEqual(await store.run('contract/delegate', { fromId: id('from'), toId: id('to'), scope }), [{ scope }]);
    });

    test('integer params work in SKIP and LIMIT, and counts are plain numbers', async () => {
      const rows = ['p1', 'p2', 'p3', 'p4'].map((s) => ({ id: id(`page:${s}`), displayName: s, department: 'Eng' }));
      await store.run('contract/upsert-identities', { rows });
      const page = await store.run('contract/identities-by-prefix', { prefix: id('page:'), skip: 1, limit: 2 });
      assert.deepEqual(
        page.map((r) => r.id),
        [id('page:p2'), id('page:p3')],
      );
      const n = await count(store, id('page:'));
      assert.equal(typeof n, 'number');
      assert.equal(n, 4);
    });

    test('a missing or an unexpected param is refused before the database sees it', async () => {
      await assert.rejects(store.run('contract/echo', { s: 'x', n: null, b: true, i: 1 }), { code: 'STORE_PARAM_MISSING' });
      await assert.rejects(
        store.run('contract/echo', { s: 'x', n: null, b: true, i: 1, l: [], extra: 1 }),
        { code: 'STORE_PARAM_UNEXPECTED' },
      );
      await assert.rejects(
        store.write((tx) => tx.run('contract/upsert-identity', { id: id('x') })),
        { code: 'STORE_PARAM_MISSING' },
      );
      // The process and the store survive: the next query works.
      assert.deepEqual(await store.run('contract/echo', { s: 'ok', n: null, b: true, i: 1, l: ['a'] }), [
        { s: 'ok', n: null, b: true, i: 1, l: ['a'] },
      ]);
    });

    test('an unknown query name is STORE_QUERY_UNKNOWN, outside and inside transactions', async () => {
      await assert.rejects(store.run('contract/no-such-query', {}), { code: 'STORE_QUERY_UNKNOWN' });
      await assert.rejects(store.read((tx) => tx.run('contract/no-such-query')), { code: 'STORE_QUERY_UNKNOWN' });
      await assert.rejects(store.write((tx) => tx.run('contract/no-such-query')), { code: 'STORE_QUERY_UNKNOWN' });
    });

    test('write() commits when work resolves, and returns its result', async () => {
      const result = await store.write(async (tx) => {
        await tx.run('contract/upsert-identity', identity('c1'));
        await tx.run('contract/upsert-identity', identity('c2'));
        await tx.run('contract/upsert-identities', { rows: [{ id: id('c3'), displayName: 'c3', department: null }] });
        return 'done';
      });
      assert.equal(result, 'done');
      assert.equal(await count(store, id('c')), 3);
    });

    test('write() rolls back everything when work throws after several writes', async () => {
      await store.run('contract/upsert-identity', identity('keep', 'before'));
      const boom = new Error('boom');
      await assert.rejects(
        store.write(async (tx) => {
          await tx.run('contract/upsert-identity', identity('rb1'));
          await tx.run('contract/upsert-identity', identity('keep', 'changed'));
          await tx.run('contract/upsert-identities', {
            rows: [
              { id: id('rb2'), displayName: 'rb2', department: null },
              { id: id('rb3'), displayName: 'rb3', department: 'Ops' },
            ],
          });
          assert.equal(await count(tx, id('rb')), 3); // visible inside the transaction
          throw boom;
        }),
        (e) => e === boom, // the caller gets its own error back, not a wrapper
      );
      assert.equal(await count(store, id('rb')), 0);
      const [keep] = await store.run('contract/identities-by-prefix', { prefix: id('keep'), skip: 0, limit: 1 });
      assert.equal(keep.displayName, 'before');
    });

    test('write() rolls back when a query fails mid-way, and the error names the query', async () => {
      await assert.rejects(
        store.write(async (tx) => {
          await tx.run('contract/upsert-identity', identity('qf1'));
          await tx.run('contract/upsert-identity', { ...identity('qf2'), id: null }); // a null key: refused by both
        }),
        (e: { code?: string; message?: string }) => e.code === 'STORE_QUERY_FAILED' && /contract\/upsert-identity/.test(e.message ?? ''),
      );
      assert.equal(await count(store, id('qf')), 0);
      await store.write((tx) => tx.run('contract/upsert-identity', identity('qf-after'))); // the writer still works
      assert.equal(await count(store, id('qf-after')), 1);
    });

    test('read() sees committed data as one snapshot, and refuses to write', async () => {
      await store.write((tx) => tx.run('contract/upsert-identities', {
        rows: ['r1', 'r2'].map((s) => ({ id: id(`read:${s}`), displayName: s, department: null })),
      }));
      const seen = await store.read(async (tx) => ({
        n: await count(tx, id('read:')),
        ids: (await tx.run('contract/identities-by-prefix', { prefix: id('read:'), skip: 0, limit: 10 })).map((r) => r.id),
      }));
      assert.deepEqual(seen, { n: 2, ids: [id('read:r1'), id('read:r2')] });
      await assert.rejects(store.read((tx) => tx.run('contract/upsert-identity', identity('read:w'))), {
        code: 'STORE_QUERY_FAILED',
      });
      assert.equal(await count(store, id('read:w')), 0);
    });

    test('MERGE by id is idempotent: the same upsert twice leaves one node, updated', async () => {
      await store.run('contract/upsert-identity', identity('m', 'first'));
      await store.run('contract/upsert-identity', identity('m', 'second'));
      const rows = await store.run('contract/identities-by-prefix', { prefix: id('m'), skip: 0, limit: 10 });
      assert.deepEqual(rows, [{ id: id('m'), displayName: 'second', department: null, updateTag: 1 }]);
    });

    test('UNWIND over a list of maps writes many rows in one call, and again without duplicates', async () => {
      const rows = Array.from({ length: 250 }, (_, i) => ({
        id: id(`bulk:${String(i).padStart(3, '0')}`),
        displayName: `Person ${i}`,
        department: i % 3 === 0 ? null : `Dept ${i % 7}`,
      }));
      assert.deepEqual(await store.write((tx) => tx.run('contract/upsert-identities', { rows })), [{ n: 250 }]);
      await store.run('contract/upsert-identities', { rows });
      assert.equal(await count(store, id('bulk:')), 250);
      const [r3] = await store.run('contract/identities-by-prefix', { prefix: id('bulk:003'), skip: 0, limit: 1 });
      assert.deepEqual(r3, { id: id('bulk:003'), displayName: 'Person 3', department: null, updateTag: null });
    });
  });
}

contractSuite(kuzuBackend());
contractSuite(neo4jBackend());

/** The parts of the Neo4j adapter that need no server: value mapping and connection failure. */
describe('Neo4j adapter without a server', () => {
  test('params: safe integers become neo4j Integers, undefined becomes null, recursively', () => {
    const out = toNeo4jValue({ limit: 10, ratio: 1.5, gone: undefined, rows: [{ n: 2, s: 'x' }], when: new Date(0) }) as Record<
      string,
      unknown
    >;
    assert.ok(neo4j.isInt(out.limit));
    assert.equal(out.ratio, 1.5);
    assert.equal(out.gone, null);
    const [row] = out.rows as Array<Record<string, unknown>>;
    assert.ok(neo4j.isInt(row.n));
    assert.equal(row.s, 'x');
    assert.equal(out.when, '1970-01-01T00:00:00.000Z');
    assert.equal(toNeo4jValue(2 ** 60), 2 ** 60); // beyond 2^53 it is not an exact integer any more
  });

  test('results: Integers, temporals, nodes, relationships and paths become plain values', () => {
    const { Node, Relationship, Path, PathSegment, DateTime, Duration } = neo4j.types;
    const a = new Node(neo4j.int(1), ['Identity'], { id: 'a', updateTag: neo4j.int(7) }, 'e1');
    const b = new Node(neo4j.int(2), ['Identity'], { id: 'b' }, 'e2');
    const r = new Relationship(neo4j.int(3), neo4j.int(1), neo4j.int(2), 'MANAGES', { since: '2024' }, 'e3', 'e1', 'e2');
    const row = fromNeo4jValue({
      n: neo4j.int(42),
      huge: neo4j.int('9223372036854775807'),
      at: new DateTime(2024, 1, 2, 3, 4, 5, 0, 0),
      d: new Duration(1, 2, 3, 0),
      node: a,
      rel: r,
      path: new Path(a, b, [new PathSegment(a, r, b)]),
      nested: [[neo4j.int(1)], { k: neo4j.int(2) }],
      s: 'x',
      t: true,
      z: null,
    });
    assert.deepEqual(row, {
      n: 42,
      huge: '9223372036854775807',
      at: '2024-01-02T03:04:05Z',
      d: 'P1M2DT3S',
      node: { id: 'a', updateTag: 7 },
      rel: { since: '2024' },
      path: { nodes: [{ id: 'a', updateTag: 7 }, { id: 'b' }], relationships: [{ since: '2024' }] },
      nested: [[1], { k: 2 }],
      s: 'x',
      t: true,
      z: null,
    });
  });

  test('an unreachable server is STORE_UNAVAILABLE naming the URI, never the password', async () => {
    const store = new Neo4jStore({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'pw-must-not-leak' });
    await assert.rejects(store.init(), (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'STORE_UNAVAILABLE');
      assert.match(e.message ?? '', /bolt:\/\/127\.0\.0\.1:1/);
      assert.doesNotMatch(e.message ?? '', /pw-must-not-leak/);
      return true;
    });
    await store.close();
  });
});
