import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import kuzu from 'kuzu';
import { KuzuBulkRunner } from '../src/store/kuzu-bulk';
import { KuzuSession } from '../src/store/kuzu-session';
import { tableProperties } from '../src/store/kuzu-schema-tables';
import { QueryCatalog } from '../src/store/query-catalog';

/** Bulk loads (COPY FROM a CSV the runner writes) into a real embedded database with whohas's schema. */
describe('Kuzu bulk loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-bulk-'));
  const catalog = new QueryCatalog('kuzu');
  const schema = catalog.get('schema').statements;
  let db: InstanceType<typeof kuzu.Database>;
  let session: KuzuSession;
  const runner = (maxLoadBytes: number) => new KuzuBulkRunner(session, join(dir, 'stage'), tableProperties(schema), maxLoadBytes);

  /** The COPY statements the session runs until `stop`. */
  function watchCopies(): { copies: string[]; stop: () => void } {
    const copies: string[] = [];
    const raw = session.raw.bind(session);
    session.raw = (statement: string) => {
      if (statement.startsWith('COPY')) copies.push(statement);
      return raw(statement);
    };
    return { copies, stop: () => void (session.raw = raw) };
  }

  before(async () => {
    db = new kuzu.Database(join(dir, 'db.kuzu'), 256 * 1024 * 1024);
    await db.init();
    session = new KuzuSession(new kuzu.Connection(db), catalog);
    for (const stmt of schema) await session.raw(stmt);
  });
  after(async () => {
    await session.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every string exactly (quotes, commas, newlines, tabs, backslashes, emoji); absent values are null', async () => {
    const names = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'back\\slash', '\\"', 'ünï 😀', ' lead', 'trail ', '"', '{"k":"v, \\"w\\""}', 'NULL', 'tab\there'];
    await runner(1 << 30).append({ table: 'System' }, names.map((name, i) => ({ id: `sys:${i}`, name, criticality: i % 2 ? 'high' : null, updateTag: i })));
    const rows = await session.run('test-support/nodes-system', {});
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    names.forEach((name, i) => {
      const row = byId.get(`sys:${i}`);
      assert.equal(row?.name, name, `sys:${i}`);
      assert.equal(row?.criticality, i % 2 ? 'high' : null);
      assert.equal(Number(row?.updateTag), i);
    });
  });

  it('loads a relationship table in several COPYs when the file passes the size limit, and leaves no stage file', async () => {
    const accounts = Array.from({ length: 300 }, (_, i) => ({ id: `acct:${i}`, systemId: 'sys:0', status: 'enabled' }));
    await runner(1 << 30).append({ table: 'Account' }, accounts);
    await runner(1 << 30).append({ table: 'AccessGroup' }, [{ id: 'grp:1', systemId: 'sys:0', name: 'G' }]);
    const appender = runner(4096).appender({ table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' });
    for (let i = 0; i < 300; i += 50) {
      await appender.add(accounts.slice(i, i + 50).map((a) => ({ fromId: a.id, toId: 'grp:1', grantedAt: '2026-01-01T00:00:00.000Z', source: 's', updateTag: 1 })));
    }
    await appender.finish();
    const edges = await session.run('test-support/rels-member-of', {});
    assert.equal(edges.length, 300);
    assert.deepEqual(readdirSync(join(dir, 'stage')), []);
  });

  it('cuts one large append into several COPYs (an L run appends 3M memberships in one call)', async () => {
    const groups = Array.from({ length: 100 }, (_, i) => ({ id: `grp:big:${i}`, systemId: 'sys:0', name: `G${i}` }));
    await runner(1 << 30).append({ table: 'AccessGroup' }, groups);
    const edges = groups.flatMap((g) => Array.from({ length: 300 }, (_, i) => ({ fromId: `acct:${i}`, toId: g.id, grantedAt: '2026-01-01T00:00:00.000Z', source: 's', updateTag: 2 })));
    const { copies, stop } = watchCopies();
    try {
      await runner(4096).append({ table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' }, edges);
    } finally {
      stop();
    }
    assert.ok(copies.length >= 2, `${copies.length} COPY for ${edges.length} rows past the limit`);
    const stored = await session.run('test-support/rels-member-of', {});
    assert.equal(stored.filter((e) => String(e.toId).startsWith('grp:big:')).length, edges.length);
    assert.deepEqual(readdirSync(join(dir, 'stage')), []);
  });

  it('a relationship fed beside the nodes it points at loads after them, part by part', async () => {
    await runner(1 << 30).append({ table: 'Identity' }, [{ id: 'hr:1' }, { id: 'hr:2' }]);
    // The nodes' appender would load only at finish; the edges' cuts a part every few adds, each of
    // which needs nodes still in the other file: `after` loads those first.
    const paths = runner(1 << 30).appender({ table: 'AccessGrant' });
    const justified = runner(1024).appender({ table: 'HAS_GRANT', from: 'Identity', to: 'AccessGrant' }, { after: paths });
    for (let i = 0; i < 400; i += 40) {
      const ids = Array.from({ length: 40 }, (_, k) => i + k);
      await paths.add(ids.map((id) => ({ id, identityId: `hr:${1 + (id % 2)}`, entitlementId: `x:${id}`, paths: '[["a' + 'x'.repeat(40) + '"]]' })));
      await justified.add(ids.map((id) => ({ fromId: `hr:${1 + (id % 2)}`, toId: id })));
    }
    await paths.finish();
    await justified.finish();
    const rows = await session.run('read/access-of-identity', { identityId: 'hr:2', now: '2026-01-01T00:00:00Z', skip: 0, limit: 500 });
    assert.equal(rows.length, 200);
    assert.ok(rows.every((r) => Number(String(r.entitlementId).slice(2)) % 2 === 1));
    assert.deepEqual(readdirSync(join(dir, 'stage')), []);
  });

  it('with deferred loads, writes every part and loads none before finish; discard removes every part', async () => {
    await runner(1 << 30).append({ table: 'AccessGroup' }, [{ id: 'grp:defer', systemId: 'sys:0', name: 'D' }]);
    const rows = (from: number) => Array.from({ length: 50 }, (_, i) => ({ fromId: `acct:${from + i}`, toId: 'grp:defer', grantedAt: '2026-01-01T00:00:00.000Z', source: 's', updateTag: 3 }));
    const { copies, stop } = watchCopies();
    try {
      const deferred = runner(1024).appender({ table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' }, { deferLoads: true });
      for (let i = 0; i < 300; i += 50) await deferred.add(rows(i));
      const parts = readdirSync(join(dir, 'stage')).length;
      assert.ok(parts >= 2, `${parts} part file(s) past the size limit`);
      assert.equal(copies.length, 0, 'nothing loaded before finish');
      const inGroup = async () => (await session.run('test-support/rels-member-of', {})).filter((e) => e.toId === 'grp:defer').length;
      assert.equal(await inGroup(), 0);
      await deferred.finish();
      assert.equal(copies.length, parts);
      assert.equal(await inGroup(), 300);
      assert.deepEqual(readdirSync(join(dir, 'stage')), []);

      const dropped = runner(1024).appender({ table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' }, { deferLoads: true });
      await dropped.add(rows(0));
      await dropped.add(rows(50));
      assert.ok(readdirSync(join(dir, 'stage')).length >= 2);
      await dropped.discard();
      assert.deepEqual(readdirSync(join(dir, 'stage')), []);
      assert.equal(copies.length, parts, 'a discarded appender loads nothing');
    } finally {
      stop();
    }
  });

  it('reads columns from the row fields named for them, so one row object serves several tables', async () => {
    await runner(1 << 30).append({ table: 'Identity' }, [{ id: 'hr:fields' }]);
    await runner(1 << 30).append({ table: 'Entitlement' }, [{ id: 'ent:fields:1', systemId: 'sys:0', name: 'E1' }, { id: 'ent:fields:2', systemId: 'sys:0', name: 'E2' }]);
    const rows = [1, 2].map((n) => ({ identityId: 'hr:fields', entitlementId: `ent:fields:${n}`, viaDelegation: n === 2, activeUntil: null, lastUsedAt: '2026-01-0' + n + 'T00:00:00.000Z', useCount: n, paths: '[]', grantId: 900 + n }));
    const grants = runner(1 << 30).appender({ table: 'AccessGrant' }, { fields: { id: 'grantId' } });
    const held = runner(1 << 30).appender({ table: 'HAS_GRANT', from: 'Identity', to: 'AccessGrant' }, { after: grants, fields: { fromId: 'identityId', toId: 'grantId' } });
    const pairs = runner(1 << 30).appender({ table: 'HAS_ACCESS', from: 'Identity', to: 'Entitlement' }, { fields: { fromId: 'identityId', toId: 'entitlementId' } });
    for (const appender of [grants, held, pairs]) await appender.add(rows);
    for (const appender of [grants, held, pairs]) await appender.finish();
    const stored = (await session.run('test-support/rels-has-access', {})).filter((r) => r.fromId === 'hr:fields');
    assert.deepEqual(
      stored.map((r) => [r.toId, r.viaDelegation, r.lastUsedAt, Number(r.useCount), r.paths]),
      [['ent:fields:1', false, '2026-01-01T00:00:00.000Z', 1, '[]'], ['ent:fields:2', true, '2026-01-02T00:00:00.000Z', 2, '[]']],
    );
    assert.throws(() => runner(1 << 30).appender({ table: 'HAS_ACCESS', from: 'Identity', to: 'Entitlement' }, { fields: { holder: 'identityId' } }), /no column holder/);
  });

  it('refuses a list value (it cannot travel through CSV) and a table that is not in the schema', async () => {
    await assert.rejects(runner(1 << 30).append({ table: 'System' }, [{ id: 'sys:x', name: ['a'] }]), /list value cannot go through CSV/);
    await assert.rejects(runner(1 << 30).append({ table: 'Nope' }, [{ id: 'x' }]), /no table Nope/);
    await assert.rejects(runner(1 << 30).append({ table: "System' ; DROP" }, [{ id: 'x' }]), /not a table name/);
  });
});
