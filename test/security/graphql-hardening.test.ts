import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KeyStore } from '../../src/auth/key-store';
import { startTestServer, type TestServer } from '../helpers/graphql-http';
import { gql } from '../helpers/auth-world';

const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

describe('GraphQL limits: depth, aliases, cost, tokens, batches, body size, CSRF', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ WHOHAS_MAX_BODY_KB: '64' });
  });
  after(() => t.close());

  it('refuses a query nested deeper than the limit, fragments included, before running it', async () => {
    const deep = `{ identity(id: "x") { ${'manager { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const res = await gql(t.url, null, deep);
    assert.equal(res.status, 400);
    assert.match(res.body.errors![0].message, /nested \d+ levels deep; at most 15/);
    const viaFragments = `query { identity(id: "x") { ...A } } fragment A on Identity { manager { ...B } } fragment B on Identity { manager { ${'owner { '.repeat(14)}id${' }'.repeat(14)} } }`;
    assert.match((await gql(t.url, null, viaFragments)).body.errors![0].message, /levels deep/);
  });

  it('refuses more aliases than allowed', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: graphVersion`).join(' ');
    const res = await gql(t.url, null, `{ ${aliases} }`);
    assert.equal(res.status, 400);
    assert.match(res.body.errors![0].message, /more than 30 aliases/);
  });

  it('refuses nested connections whose estimated cost is over the limit, with the cost in the answer', async () => {
    const q = '{ identities(first: 500) { edges { node { effectiveAccess(first: 500) { edges { node { viaDelegation } } } } } } }';
    const res = await gql(t.url, null, q);
    assert.equal(res.status, 400);
    assert.equal(codeOf(res.body), 'QUERY_TOO_COMPLEX');
    assert.match(res.body.errors![0].message, /estimated cost is \d+; at most 100000/);
    const fine = await gql(t.url, null, '{ identities(first: 50) { edges { node { effectiveAccess(first: 50) { edges { node { viaDelegation } } } } } } }');
    assert.equal(fine.body.errors, undefined, JSON.stringify(fine.body.errors));
  });

  it('costs a document again when a variable that moves its cost changes (page sizes, @include), not when the ids do', async () => {
    const q = 'query($n: Int, $m: Int, $deep: Boolean!, $id: ID!) { identity(id: $id) { id } identities(first: $n) { edges { node { effectiveAccess(first: $m) @include(if: $deep) { edges { node { viaDelegation } } } } } } }';
    const ask = async (vars: Record<string, unknown>) => codeOf((await gql(t.url, null, q, vars)).body) ?? 'ok';
    assert.equal(await ask({ n: 50, m: 50, deep: true, id: 'a' }), 'ok');
    assert.equal(await ask({ n: 50, m: 50, deep: true, id: 'b' }), 'ok');
    assert.equal(await ask({ n: 500, m: 500, deep: true, id: 'a' }), 'QUERY_TOO_COMPLEX');
    assert.equal(await ask({ n: 500, m: 500, deep: false, id: 'a' }), 'ok', 'the costly part is not asked for');
    assert.equal(await ask({ n: 500, deep: true, id: 'a' }), 'ok', '$m left out: the default page, not the cost of $m = 500');
    assert.equal(await ask({ n: 50, m: 50, deep: true, id: 'c' }), 'ok');
  });

  it('answers variables of the wrong type with BAD_USER_INPUT naming the variable, not as a query too complex to cost', async () => {
    const res = await gql(t.url, null, 'query($n: Int) { whoHas(entitlementId: "x", first: $n) { totalCount } }', { n: 'ten' });
    assert.equal(res.status, 400);
    assert.equal(codeOf(res.body), 'BAD_USER_INPUT');
    assert.match(res.body.errors![0].message, /\$n/);
  });

  it('stops a huge document in the parser (token limit), and answers a batch with 400', async () => {
    const huge = `{ ${Array.from({ length: 21_000 }, () => 'a').join(' ')} }`;
    const res = await gql(t.url, null, huge);
    assert.equal(res.status, 400);
    assert.match(res.body.errors![0].message, /more that 20000 tokens/); // graphql-js's own spelling
    const batch = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ graphVersion }' }, { query: '{ graphVersion }' }]) });
    assert.equal(batch.status, 400);
  });

  it('answers 413 to a body over WHOHAS_MAX_BODY_KB', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ graphVersion }', variables: { pad: 'x'.repeat(70 * 1024) } }) });
    assert.equal(res.status, 413);
    assert.equal(codeOf(await res.json()), 'PAYLOAD_TOO_LARGE');
  });

  it('keeps Apollo CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const simple = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ graphVersion }')}`);
    assert.equal(simple.status, 400);
    assert.match(await simple.text(), /CSRF/);
    const preflighted = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(preflighted.status, 200);
  });
});

describe('production mode: no introspection nor playground unless configured', () => {
  it('turns both off with NODE_ENV=production, and back on with WHOHAS_INTROSPECTION / WHOHAS_PLAYGROUND', async () => {
    const intro = '{ __schema { queryType { name } } }';
    const prod = await startTestServer({ NODE_ENV: 'production' });
    try {
      const res = await gql(prod.url, null, intro);
      assert.equal(res.status, 400);
      assert.match(res.body.errors![0].message, /introspection is not allowed/i);
      assert.equal((await fetch(`${prod.url}/`)).status, 404);
    } finally {
      await prod.close();
    }
    const opted = await startTestServer({ NODE_ENV: 'production', WHOHAS_INTROSPECTION: 'true', WHOHAS_PLAYGROUND: 'true' });
    try {
      assert.equal((await gql(opted.url, null, intro)).body.data.__schema.queryType.name, 'Query');
      assert.equal((await fetch(`${opted.url}/`)).status, 200);
    } finally {
      await opted.close();
    }
  });
});

describe('rate limiting per client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-rate-'));
  let t: TestServer;
  const keys = new KeyStore(join(dir, 'db.kuzu.keys.json'));
  const a = keys.create({ role: 'analyst', name: 'a' }).key;
  const b = keys.create({ role: 'analyst', name: 'b' }).key;
  before(async () => {
    t = await startTestServer({ WHOHAS_DB: join(dir, 'db.kuzu'), WHOHAS_RATE_LIMIT: '5', WHOHAS_AUTH_FAILURE_LIMIT: '3' });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 429 with Retry-After past the limit, counting each key on its own', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await gql(t.url, a, '{ graphVersion }')).status, 200);
    const limited = await gql(t.url, a, '{ graphVersion }');
    assert.equal(limited.status, 429);
    assert.equal(codeOf(limited.body), 'RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const metrics = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${a}` } });
    assert.equal(metrics.status, 429, 'the budget covers every route, not only /graphql');
    assert.equal((await gql(t.url, b, '{ graphVersion }')).status, 200, 'another client has its own budget');
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200, 'probes are never limited');
  });

  it('cuts off an address after too many failed authentications, before looking at its credentials', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await gql(t.url, b, '{ graphVersion }')).status, 200, 'good requests do not count');
    for (let i = 0; i < 3; i++) assert.equal((await gql(t.url, `whk_000000000000_${'x'.repeat(43)}`, '{ graphVersion }')).status, 401);
    const cut = await gql(t.url, `whk_000000000000_${'y'.repeat(43)}`, '{ graphVersion }');
    assert.equal(cut.status, 429);
    assert.equal(codeOf(cut.body), 'RATE_LIMITED');
    assert.ok(Number(cut.headers.get('retry-after')) > 0);
    const good = await gql(t.url, b, '{ graphVersion }');
    assert.equal(good.status, 429, 'the address is cut off, whatever it presents');
    assert.match(good.body.errors![0].message, /failed authentications/);
  });
});
