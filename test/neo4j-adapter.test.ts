import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { Neo4jStore, type CreateDriver } from '../src/store/neo4j-store';
import { loadCatalog } from '../src/store/query-catalog';

/**
 * The Neo4j adapter's choices that need no server: which session mode each unit of work gets, that
 * every session shares one bookmark manager (read-your-writes across the pool and the cluster), that
 * reads go through executeRead so the driver can retry them, that writes are one explicit transaction,
 * and that routing URIs reach the driver untouched. No Neo4j runs here, so the driver is a stand-in
 * that records what the adapter asks of it; the contract suite covers a real server (NEO4J_URI).
 */
interface Recorded {
  uri?: string;
  config?: Record<string, unknown>;
  sessions: Array<{ defaultAccessMode: string; bookmarkManager: unknown; database?: string }>;
  autoCommit: string[];
  calls: string[];
}

function standIn(opts: { failFirstRead?: string } = {}) {
  const rec: Recorded = { sessions: [], autoCommit: [], calls: [] };
  const bookmarkManager = { name: 'the driver default' };
  let reads = 0;
  const tx = (label: string) => ({
    async run(text: string, params: Record<string, unknown>) {
      rec.calls.push(`${label}: ${text.split('\n')[0]}`);
      if (label === 'read#1' && opts.failFirstRead) throw new neo4j.Neo4jError('leader switched', opts.failFirstRead, '', '');
      return { records: [{ toObject: () => ({ echoed: params.i ?? null }) }] };
    },
    isOpen: () => true,
    async commit() {
      rec.calls.push(`${label}: commit`);
    },
    async rollback() {
      rec.calls.push(`${label}: rollback`);
    },
  });
  const driver = {
    executeQueryBookmarkManager: bookmarkManager,
    async verifyConnectivity() {
      rec.calls.push('verifyConnectivity');
    },
    session(config: Recorded['sessions'][number]) {
      rec.sessions.push(config);
      return {
        async run(text: string) {
          rec.autoCommit.push(text);
        },
        // What the real driver does: run the work, and run it again on a retryable error.
        async executeRead(work: (t: unknown) => Promise<unknown>) {
          try {
            return await work(tx(`read#${++reads}`));
          } catch (e) {
            if (!neo4j.isRetryableError(e)) throw e;
            rec.calls.push('driver retries the read');
            return work(tx(`read#${++reads}`));
          }
        },
        beginTransaction: () => tx('write'),
        async close() {},
      };
    },
    async close() {
      rec.calls.push('driver.close');
    },
  };
  const create: CreateDriver = (uri, _auth, config) => {
    rec.uri = uri;
    rec.config = config as Record<string, unknown>;
    return driver as unknown as Driver;
  };
  return { rec, create, bookmarkManager };
}

const cfg = { uri: 'neo4j+s://cluster.example.com:7687', user: 'neo4j', password: 'pw', database: 'whohas' };

describe('Neo4j adapter: session and transaction choices (stand-in driver)', () => {
  test('a routing URI reaches the driver as given, and init creates every constraint and index in auto-commit', async () => {
    const { rec, create } = standIn();
    const store = new Neo4jStore(cfg, create);
    await store.init();
    assert.equal(rec.uri, 'neo4j+s://cluster.example.com:7687');
    assert.equal(rec.config?.userAgent, 'whohas');
    assert.ok(Number(rec.config?.maxTransactionRetryTime) > 0);
    assert.deepEqual(rec.autoCommit, loadCatalog('neo4j').get('schema')!.statements);
    assert.ok(rec.autoCommit.every((s) => /IF NOT EXISTS/.test(s)), 'every schema statement is idempotent');
    assert.equal(rec.sessions[0].defaultAccessMode, neo4j.session.WRITE);
    assert.equal(rec.sessions[0].database, 'whohas');
    await store.close();
  });

  test('reads are READ sessions (routed to followers and read replicas), writes WRITE sessions, all on one bookmark manager', async () => {
    const { rec, create, bookmarkManager } = standIn();
    const store = new Neo4jStore(cfg, create);
    await store.init();
    rec.sessions.length = 0;
    await store.write((tx) => tx.run('contract/echo', { s: 'x', n: null, b: true, i: 1, l: [] }));
    await store.read((tx) => tx.run('contract/echo', { s: 'x', n: null, b: true, i: 2, l: [] }));
    await store.run('contract/echo', { s: 'x', n: null, b: true, i: 3, l: [] });
    assert.deepEqual(
      rec.sessions.map((s) => s.defaultAccessMode),
      [neo4j.session.WRITE, neo4j.session.READ, neo4j.session.READ],
    );
    assert.ok(rec.sessions.every((s) => s.bookmarkManager === bookmarkManager), 'a read after a write waits for that write');
    assert.ok(rec.calls.includes('write: commit'));
    await store.close();
  });

  test('a transient error inside a read reaches the driver unwrapped, so it retries, and the retry answers', async () => {
    const { rec, create } = standIn({ failFirstRead: 'Neo.TransientError.Transaction.DeadlockDetected' });
    const store = new Neo4jStore(cfg, create);
    await store.init();
    const rows = await store.read((tx) => tx.run('contract/echo', { s: 'x', n: null, b: true, i: 7, l: [] }));
    assert.deepEqual(rows, [{ echoed: 7 }]);
    assert.ok(rec.calls.includes('driver retries the read'));
    await store.close();
  });

  test('a write that throws is rolled back and never committed, and the caller gets its own error', async () => {
    const { rec, create } = standIn();
    const store = new Neo4jStore(cfg, create);
    await store.init();
    const boom = new Error('boom');
    await assert.rejects(
      store.write(async (tx) => {
        await tx.run('contract/upsert-identity', { id: 'x', displayName: 'x', department: null, updateTag: 1 });
        throw boom;
      }),
      (e) => e === boom,
    );
    assert.ok(rec.calls.includes('write: rollback'));
    assert.ok(!rec.calls.includes('write: commit'));
    await store.close();
  });
});

describe('Neo4j adapter: routing URIs without a server', () => {
  test('the configuration accepts neo4j://, neo4j+s:// and bolt+ssc://, and refuses other schemes', () => {
    for (const uri of ['neo4j://core1:7687', 'neo4j+s://cluster.example.com', 'bolt+ssc://db:7687']) {
      assert.equal(loadConfig({ NEO4J_URI: uri }).neo4j?.uri, uri);
    }
    assert.throws(() => loadConfig({ NEO4J_URI: 'http://db:7474' }), { code: 'CONFIG_INVALID' });
  });

  test('a routing driver that finds no cluster is STORE_UNAVAILABLE naming the URI', async () => {
    const store = new Neo4jStore({ uri: 'neo4j://127.0.0.1:1', user: 'neo4j', password: 'secret-value' });
    await assert.rejects(store.init(), (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'STORE_UNAVAILABLE');
      assert.match(e.message ?? '', /neo4j:\/\/127\.0\.0\.1:1/);
      assert.doesNotMatch(e.message ?? '', /secret-value/);
      return true;
    });
    await store.close();
  });
});
