import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { Copilot } from '../copilot/copilot';
import { documentPolicy } from '../graphql/response-cache/cache-policy';
import { AnswerValidity } from '../graphql/response-cache/answer-validity';
import { ResponseStore, type StoredAnswer } from '../graphql/response-cache/response-store';
import { whohasSchema } from '../graphql/schema';
import { DecisionLog } from '../src/audit/decision-log';
import { FlightRecorder } from '../src/audit/flight-recorder';
import { createApp } from '../src/server/app';
import { Simulator } from '../src/simulate/simulator';
import { gql, securedWorld, type SecuredWorld } from './helpers/auth-world';
import { fixtureDir } from './helpers/graphql-http';
import { tempStore, type TempStore } from './helpers/temp-store';
import { copyFixture } from './helpers/write-bundle';
import { parseExposition } from './helpers/prometheus-text';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Whole answers kept for repeated questions (graphql/response-cache/). Every kept answer must be
 * the answer the server would compute at that moment: these tests move the clock past expiries and
 * write the store under a warm cache, and compare with answers computed with `Cache-Control: no-cache`.
 */

describe('which documents may be kept', () => {
  let schema: Awaited<ReturnType<typeof whohasSchema>>;
  before(async () => {
    schema = await whohasSchema();
  });
  const policy = (q: string) => documentPolicy(schema, parse(q));

  it('keeps profile, access and explain questions, naming the fields that expire', () => {
    assert.deepEqual(policy('{ identity(id: "a") { id displayName accounts { id status system { name } } } }'), { cacheable: true, timed: [] });
    assert.deepEqual(
      policy('query Q($id: ID!) { identity(id: $id) { ...A } } fragment A on Identity { __typename effectiveAccess(first: 5) { totalCount edges { node { paths { hops { id name } } } } } }'),
      { cacheable: true, timed: ['Identity.effectiveAccess'] },
    );
    assert.deepEqual(policy('{ a: whoHas(entitlementId: "e") { totalCount } b: explainAccess(identityId: "i", entitlementId: "e") { granted } }'), {
      cacheable: true, timed: ['Query.whoHas', 'Query.explainAccess'],
    });
  });

  it('keeps nothing with a field not checked for reuse, a mutation, or introspection', () => {
    for (const q of [
      '{ identity(id: "a") { id risk { score } } }',
      '{ identity(id: "a") { delegationsOut { scope } } }',
      '{ explainAccess(identityId: "i", entitlementId: "e") { granted peers { coverage } } }',
      '{ graphVersion }',
      '{ __schema { queryType { name } } }',
      'mutation { simulate(changes: []) { id } }',
      // A fragment the operation does not use still counts: a document is judged whole.
      '{ identity(id: "a") { id } } fragment R on Identity { risk { score } }',
    ]) assert.deepEqual(policy(q), { cacheable: false }, q);
  });
});

describe('AnswerValidity and ResponseStore', () => {
  it('lets an answer be kept only when every timed field reported, until the earliest expiry', () => {
    const v = new AnswerValidity();
    assert.equal(v.window(['Query.whoHas']), null, 'whoHas selected but never reported');
    v.until('Query.whoHas', '2030-01-02T00:00:00.000Z');
    v.until('Query.whoHas', '2030-01-01T00:00:00.000Z');
    v.until('Identity.effectiveAccess', null);
    assert.deepEqual(v.window(['Query.whoHas', 'Identity.effectiveAccess']), { until: '2030-01-01T00:00:00.000Z' });
    v.refuse('Query.explainAccess');
    assert.equal(v.window(['Query.whoHas']), null);
  });

  const answer = (generation: number, readAt: string, until: string | null, size = 10): StoredAnswer => {
    const extensions = { graphVersion: 'v' };
    return { shell: { data: Object.freeze({}), extensions }, generation, readAt, until, json: JSON.stringify({ data: { x: 'y'.repeat(size) }, extensions }) };
  };

  it('serves from readAt until the expiry, on the same write generation only', () => {
    const s = new ResponseStore(1e6);
    assert.equal(s.get('k', 1, '2030-01-01T00:00:00.000Z'), null);
    assert.ok(s.put('k', answer(1, '2030-01-01T00:00:00.000Z', '2030-02-01T00:00:00.000Z')));
    assert.ok(s.get('k', 1, '2030-01-31T23:59:59.999Z'));
    assert.equal(s.get('k', 1, '2030-02-01T00:00:00.000Z'), null, 'at the expiry itself');
    assert.equal(s.get('k', 1, '2029-12-31T23:59:59.999Z'), null, 'before it was computed');
    assert.equal(s.get('k', 2, '2030-01-15T00:00:00.000Z'), null, 'after a write');
    assert.equal(s.put('k', answer(1, '2030-01-01T00:00:00.000Z', null)), false, 'an answer computed before the write is not kept');
    // Kept without a lookup first (the caller sent no-cache), on a generation it has not seen yet.
    const fresh = new ResponseStore(1e6);
    assert.ok(fresh.put('k', answer(3, '2030-01-01T00:00:00.000Z', null)));
    assert.ok(fresh.get('k', 3, '2030-01-01T00:00:00.000Z'));
  });

  it('stays within its budget, least recently used first, and hands back the JSON it made', () => {
    const one = answer(0, '2030-01-01T00:00:00.000Z', null, 100).json.length;
    const s = new ResponseStore(8 * one * 2.5);
    s.get('x', 0, '2030-01-01T00:00:00.000Z');
    for (const k of ['a', 'b']) s.put(k, answer(0, '2030-01-01T00:00:00.000Z', null, 100));
    s.get('a', 0, '2030-01-01T00:00:00.000Z');
    s.put('c', answer(0, '2030-01-01T00:00:00.000Z', null, 100));
    for (const k of ['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u']) s.put(k, answer(0, '2030-01-01T00:00:00.000Z', null, 100));
    assert.ok(s.size <= 8 * one * 2.5);
    const kept = s.get('u', 0, '2030-01-01T00:00:00.000Z')!;
    assert.equal(s.jsonOf({ data: kept.shell.data, extensions: kept.shell.extensions }), kept.json);
    assert.equal(s.jsonOf({ data: kept.shell.data, extensions: { graphVersion: 'other' } }), null);
    assert.equal(s.jsonOf({ data: kept.shell.data, extensions: kept.shell.extensions, errors: [] }), null);
    assert.equal(s.jsonOf({ data: {}, extensions: kept.shell.extensions }), null, 'another empty object is not the stand-in');
    assert.equal(s.get('b', 0, '2030-01-01T00:00:00.000Z'), null, 'b went first');
    const stats = s.stats();
    // x missed (nothing kept yet), a and u hit, b missed (it went for room).
    assert.deepEqual({ hits: stats.hits, misses: stats.misses, bypasses: stats.bypasses }, { hits: 2, misses: 2, bypasses: 0 });
    assert.equal(stats.evictions, 21 - stats.entries, 'every answer put and no longer kept went for room');
    assert.equal(stats.chars, s.size);
  });

  it('counts keys in its budget: large variables with tiny answers cannot outgrow it', () => {
    const s = new ResponseStore(100_000);
    for (let i = 0; i < 200; i++) s.put(`${i}:${'v'.repeat(5_000)}`, answer(0, '2030-01-01T00:00:00.000Z', null, 1));
    assert.ok(s.size <= 100_000, `${s.size}`);
    assert.equal(s.put('k'.repeat(20_000), answer(0, '2030-01-01T00:00:00.000Z', null, 1)), false, 'one entry may not take more than an eighth');
  });
});

/** A server on a temp store whose clock the test sets. */
async function clockedServer(t: TempStore, clock: { now: Date }): Promise<{ url: string; close: () => Promise<void> }> {
  const recorder = new FlightRecorder(new Simulator(t.store, { maxPathsPerGrant: 8 }), await DecisionLog.open(join(t.dir, 'audit')));
  const { app, stop } = await createApp({
    store: t.store, now: () => clock.now, adminToken: 'test-admin-token', recorder, copilot: new Copilot(null),
    ingest: { ingest: { maxFileBytes: 1e8, runsDir: join(t.dir, 'runs'), maxPathsPerGrant: 8 }, jobs: null },
  });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: async () => { await new Promise((r) => server.close(r)); await stop(); } };
}

async function ask(url: string, query: string, variables: Record<string, unknown>, fresh = false) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: res.headers.get('x-whohas-cache'), text: await res.text() };
}

const ACCESS = 'query($id: ID!) { identity(id: $id) { displayName accounts { id status } effectiveAccess(first: 50) { totalCount edges { cursor node { entitlement { id name } viaDelegation paths { expiresAt hops { kind id name edge expiresAt } } } } } } }';
const WHO_HAS = 'query($e: ID!) { whoHas(entitlementId: $e, first: 50) { totalCount edges { node { identity { id displayName } paths { hops { id } } } } } }';
const EXPLAIN = 'query($i: ID!, $e: ID!) { explainAccess(identityId: $i, entitlementId: $e) { granted summary paths { hops { id name expiresAt } } nearMisses { blockers { kind reason } } } }';

/** The response cache's series in /metrics, by name and outcome label. */
async function cacheSeries(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  assert.equal(res.status, 200);
  const series = new Map<string, number>();
  for (const f of parseExposition(await res.text()).values()) {
    if (!f.name.startsWith('whohas_response_cache_')) continue;
    for (const x of f.samples) series.set(x.labels.outcome ? `${f.name}:${x.labels.outcome}` : f.name, x.value);
  }
  return series;
}

describe('kept answers are the answers (embedded store, acme, a clock the test moves)', () => {
  let t: TempStore;
  let s: { url: string; close: () => Promise<void> };
  const clock = { now: new Date('2099-06-29T00:00:00.000Z') };
  before(async () => {
    t = await tempStore('whohas-response-cache-');
    assert.equal((await t.ingest(fixtureDir('acme'))).status, 'succeeded');
    s = await clockedServer(t, clock);
  });
  after(async () => {
    await s?.close();
    await t?.close();
  });

  /** Asks twice, then computed: the second must be kept, and all three the same text. */
  async function keptAndSame(query: string, variables: Record<string, unknown>) {
    const first = await ask(s.url, query, variables);
    const second = await ask(s.url, query, variables);
    const computed = await ask(s.url, query, variables, true);
    assert.equal(second.cache, 'hit', `${JSON.stringify(variables)}: ${first.cache} then ${second.cache}`);
    assert.equal(computed.cache, 'bypass');
    assert.equal(second.text, first.text);
    assert.equal(computed.text, first.text);
    return JSON.parse(first.text);
  }

  it('answers repeated access, holder and explain questions from the cache, as computed', async () => {
    for (const id of ['hr:bob', 'hr:alice', 'agent:payments-sub', 'agent:payments-bot']) await keptAndSame(ACCESS, { id });
    // Unknown: effectiveAccess never ran, so nothing vouched for the answer's time; computed each time.
    for (let i = 0; i < 2; i++) assert.equal((await ask(s.url, ACCESS, { id: 'hr:nobody' })).cache, 'miss');
    for (const e of ['sap:approve_payment', 'sap:create_vendor']) await keptAndSame(WHO_HAS, { e });
    const d = await keptAndSame(EXPLAIN, { i: 'hr:bob', e: 'sap:approve_payment' });
    assert.equal(d.data.explainAccess.granted, true);
    // A computed answer is kept too: the next caller without no-cache gets it (another variables object: a question not asked yet).
    const computed = await ask(s.url, WHO_HAS, { e: 'sap:create_vendor', unused: 1 }, true);
    const next = await ask(s.url, WHO_HAS, { e: 'sap:create_vendor', unused: 1 });
    assert.deepEqual([computed.cache, next.cache], ['bypass', 'hit']);
    assert.equal(next.text, computed.text);
  });

  it('counts what it did in /metrics, as the x-whohas-cache headers said', async () => {
    const before = await cacheSeries(s.url);
    const seen = new Map<string, number>();
    const variables = { e: 'sap:approve_payment', counted: 1 };
    for (const fresh of [false, false, true, false]) {
      const { cache } = await ask(s.url, WHO_HAS, variables, fresh);
      seen.set(cache!, (seen.get(cache!) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(seen), { miss: 1, hit: 2, bypass: 1 });
    const now = await cacheSeries(s.url);
    for (const outcome of ['hit', 'miss', 'bypass']) {
      const name = `whohas_response_cache_requests_total:${outcome}`;
      assert.equal(now.get(name)! - before.get(name)!, seen.get(outcome), name);
    }
    assert.ok(now.get('whohas_response_cache_entries')! >= 1);
    assert.ok(now.get('whohas_response_cache_kept_characters')! > 0);
    assert.equal(now.get('whohas_response_cache_budget_characters'), 64 * 1024 * 1024);
    assert.equal(now.get('whohas_response_cache_evictions_total'), 0);
  });

  it('computes again once a delegation in a kept answer expires, and never keeps a not-held explanation', async () => {
    clock.now = new Date('2099-06-29T12:00:00.000Z');
    const before2099 = await keptAndSame(ACCESS, { id: 'agent:payments-sub' });
    const heldBefore = before2099.data.identity.effectiveAccess.edges.map((e: any) => e.node.entitlement.id);
    assert.ok(heldBefore.includes('sap:approve_payment'), 'held by delegation until 2099-06-30');
    await keptAndSame(WHO_HAS, { e: 'sap:approve_payment' });
    await keptAndSame(EXPLAIN, { i: 'agent:payments-sub', e: 'sap:approve_payment' });

    clock.now = new Date('2099-06-30T00:00:00.001Z');
    for (const [query, variables] of [[ACCESS, { id: 'agent:payments-sub' }], [WHO_HAS, { e: 'sap:approve_payment' }], [EXPLAIN, { i: 'agent:payments-sub', e: 'sap:approve_payment' }]] as const) {
      const late = await ask(s.url, query, variables);
      assert.equal(late.cache, 'miss', JSON.stringify(variables));
      assert.equal(late.text, (await ask(s.url, query, variables, true)).text);
    }
    const after2099 = JSON.parse((await ask(s.url, ACCESS, { id: 'agent:payments-sub' })).text);
    assert.ok(!after2099.data.identity.effectiveAccess.edges.some((e: any) => e.node.entitlement.id === 'sap:approve_payment'));
    const explained = await ask(s.url, EXPLAIN, { i: 'agent:payments-sub', e: 'sap:approve_payment' });
    assert.equal(JSON.parse(explained.text).data.explainAccess.granted, false);
    assert.equal((await ask(s.url, EXPLAIN, { i: 'agent:payments-sub', e: 'sap:approve_payment' })).cache, 'miss', 'near misses are judged by the clock: not kept');

    // A request whose clock is earlier than a kept answer's is computed: it may see what had expired.
    clock.now = new Date('2099-06-29T12:00:00.000Z');
    const earlier = await ask(s.url, ACCESS, { id: 'agent:payments-sub' });
    assert.equal(earlier.cache, 'miss');
    assert.equal(earlier.text, JSON.stringify(before2099));
  });

  it('keeps nothing for fields it cannot vouch for, and computes again after every write', async () => {
    clock.now = new Date('2099-06-29T00:00:00.000Z');
    const risky = 'query($id: ID!) { identity(id: $id) { id risk { score } } }';
    assert.equal((await ask(s.url, risky, { id: 'hr:bob' })).cache, 'off');
    assert.equal((await ask(s.url, risky, { id: 'hr:bob' })).cache, 'off');
    const bob = await keptAndSame(ACCESS, { id: 'hr:bob' });
    assert.ok(bob.data.identity.effectiveAccess.edges.some((e: any) => e.node.entitlement.id === 'sap:approve_payment'));

    // The same bundle without Bob's SAP account in AP Senior, the group that grants Approve payment.
    const without = copyFixture('acme');
    const file = join(without, 'memberships.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, lines.filter((l) => !l.includes('"memberId":"sap:bob","memberType":"account","groupId":"sap:grp:ap-senior"')).join('\n'));
    assert.equal((await t.ingest(without)).status, 'succeeded');
    const moved = await ask(s.url, ACCESS, { id: 'hr:bob' });
    assert.equal(moved.cache, 'miss');
    assert.ok(!JSON.parse(moved.text).data.identity.effectiveAccess.edges.some((e: any) => e.node.entitlement.id === 'sap:approve_payment'));
    assert.notEqual(JSON.parse(moved.text).extensions.graphVersion, bob.extensions.graphVersion);
    assert.equal((await ask(s.url, ACCESS, { id: 'hr:bob' })).cache, 'hit');
  });
});

describe('kept answers do not cross roles', () => {
  let w: SecuredWorld;
  before(async () => {
    w = await securedWorld();
  });
  after(() => w.close());

  it('an answer kept for an analyst is refused to bi and computed apart for an agent', async () => {
    const access = '{ identity(id: "hr:alice") { effectiveAccess(first: 50) { totalCount edges { node { entitlement { id } } } } } }';
    assert.equal((await gql(w.t.url, w.key.analyst, access)).headers.get('x-whohas-cache'), 'miss');
    const analyst = await gql(w.t.url, w.key.analyst, access);
    assert.equal(analyst.headers.get('x-whohas-cache'), 'hit');
    assert.ok(analyst.body.data.identity.effectiveAccess.totalCount > 0);
    const bi = await gql(w.t.url, w.key.bi, access);
    assert.equal(bi.body.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.notEqual(bi.headers.get('x-whohas-cache'), 'hit');
    const agent = await gql(w.t.url, w.key.agent, access);
    assert.notEqual(agent.headers.get('x-whohas-cache'), 'hit', 'another role set, another key');
  });
});
