import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getIntrospectionQuery } from 'graphql';
import { Q } from '../bench/http';
import { loadExampleOperations } from '../src/server/playground';
import { jitPair, type Answer, type JitPair } from './helpers/jit-pair';

type Body = { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>; extensions?: Record<string, unknown> };
const parsed = (a: Answer) => JSON.parse(a.body) as Body;

/** The bench's read queries (bench/http.ts), with ids of the demo enterprise: people, agents, held and not held. */
const BENCH_CASES: Array<[string, string, Record<string, unknown>]> = [
  ['effectiveAccess of a person', Q.effectiveAccess, { id: 'hr:E10005' }],
  ['effectiveAccess of an agent', Q.effectiveAccess, { id: 'agent:invoice-processor' }],
  ['whoHas', Q.whoHas, { e: 'sap:fin:approve_payment' }],
  ['whoHas, nobody', Q.whoHas, { e: 'no:such-entitlement' }],
  ['explainAccess, granted', Q.explainAccess, { i: 'hr:E10005', e: 'sap:fin:release_payment_run' }],
  ['explainAccess, not granted', Q.explainAccess, { i: 'agent:refund-assistant', e: 'sap:fin:approve_payment' }],
  ['peerBaseline', Q.peerBaseline, { id: 'hr:E10002' }],
  ['identity of a person', Q.identity, { id: 'hr:E10005' }],
  ['identity of an agent', Q.identity, { id: 'agent:refund-assistant' }],
];

describe('GraphQL through graphql-jit answers exactly as graphql-js does', () => {
  let pair: JitPair;

  before(async () => {
    pair = await jitPair();
  });
  after(() => pair?.close());

  /** Same status and same body, byte for byte after the placeholders; returns the body for further checks. */
  async function same(query: string, variables?: Record<string, unknown>, as?: Parameters<JitPair['both']>[2]): Promise<Body> {
    const [on, off] = await pair.both(query, variables, as);
    assert.equal(on.status, off.status, `status: ${on.body.slice(0, 300)}`);
    assert.equal(on.body, off.body);
    return parsed(on);
  }

  for (const op of loadExampleOperations()) {
    it(`example operation ${op.name}`, async () => {
      const body = await same(op.query, JSON.parse(op.variables || '{}') as Record<string, unknown>);
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      assert.ok(Object.values(body.data).every((v) => v !== null), 'the example should answer something');
      assert.equal(body.extensions?.graphVersion, '<graph-version>');
    });
  }

  for (const [name, query, variables] of BENCH_CASES) {
    it(`bench query: ${name}`, async () => {
      const body = await same(query, variables);
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    });
  }

  it('the bench pages are the large ones this is for', async () => {
    const [on] = await pair.both(Q.effectiveAccess, { id: 'hr:E10005' });
    const page = parsed(on).data.identity.effectiveAccess;
    assert.ok(page.edges.length >= 20 && page.edges.every((e: any) => e.node.paths.length >= 1), `${page.edges.length} grants`);
  });

  it('introspection, as the playground asks it', async () => {
    const body = await same(getIntrospectionQuery());
    assert.ok(body.data.__schema.types.length > 50);
  });

  it('fragments, aliases, __typename and @skip/@include with variables', async () => {
    const query = `query($full: Boolean!, $id: ID!) {
      me: identity(id: $id) { __typename ...Who manager @include(if: $full) { ...Who } accounts @skip(if: $full) { id } }
      again: identity(id: $id) { id ... on Identity { kind } }
    }
    fragment Who on Identity { id displayName kind }`;
    for (const full of [true, false]) {
      const body = await same(query, { full, id: 'hr:E10005' });
      assert.equal(body.data.me.__typename, 'Identity');
      assert.equal('manager' in body.data.me, full);
    }
  });

  it('an operation chosen by name from a document holding several', async () => {
    const query = 'query A { graphVersion } query B($id: ID!) { identity(id: $id) { id kind } }';
    const res = await fetch(`${pair.on.t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.on.key.agent}` },
      body: JSON.stringify({ query, operationName: 'B', variables: { id: 'hr:E10005' } }),
    });
    assert.deepEqual(((await res.json()) as Body).data, { identity: { id: 'hr:E10005', kind: 'HUMAN' } });
  });

  describe('errors', () => {
    const codes = (b: Body) => (b.errors ?? []).map((e) => e.extensions?.code);

    it('an operation the role may not call (FORBIDDEN), with the rest of the answer kept', async () => {
      const body = await same('{ graphVersion riskMetrics(groupBy: DEPARTMENT) { groups { key findingsTotal } } identity(id: "hr:E10005") { id } }', {}, 'bi');
      assert.deepEqual(codes(body), ['FORBIDDEN']);
      assert.match(body.errors![0].message, /Query\.identity needs one of the roles/);
      assert.equal(body.data.graphVersion, '<graph-version>');
      assert.ok(body.data.riskMetrics.groups.length > 1);
    });

    it('a mutation the role may not call, and one that needs the admin token', async () => {
      const simulate = await same('mutation { simulate(changes: [{ op: DISABLE_ACCOUNT, accountId: "x" }]) { id } }', {}, 'analyst');
      assert.deepEqual(codes(simulate), ['FORBIDDEN']);
      const rules = await same('mutation { loadSodRules(document: "rules: []") { warnings } }', {}, 'agent');
      assert.deepEqual(codes(rules), ['FORBIDDEN']);
    });

    it('an id that does not exist (NOT_FOUND), at the root and beside other fields', async () => {
      const body = await same('{ graphVersion peerBaseline(identityId: "hr:nobody") { heldCount } }');
      assert.deepEqual(codes(body), ['NOT_FOUND']);
      assert.equal(body.data, null, 'a non-null root field takes the whole answer with it');
      const nullable = await same('query($id: ID!) { identity(id: $id) { id } }', { id: 'hr:nobody' });
      assert.deepEqual(nullable.data, { identity: null });
    });

    it('input zod refuses (BAD_USER_INPUT), including two errors nulling nested non-null fields', async () => {
      const page = await same('query($n: Int) { whoHas(entitlementId: "sap:fin:approve_payment", first: $n) { totalCount } }', { n: 100000 });
      assert.deepEqual(codes(page), ['BAD_USER_INPUT']);
      assert.match(page.errors![0].message, /first must be <= 500/);
      const two = await same('{ a: identity(id: "hr:E10005") { effectiveAccess(after: "x") { totalCount } } b: identity(id: "hr:E10002") { id effectiveAccess(after: "y") { totalCount } } }');
      assert.deepEqual(codes(two), ['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      assert.deepEqual(two.data, { a: null, b: null });
      const empty = await same('{ whoHas(entitlementId: "  ") { totalCount } }');
      assert.match(empty.errors![0].message, /must not be empty/);
    });

    it('variables of the wrong type (refused before execution, with a 400)', async () => {
      const [on, off] = await pair.both('query($n: Int) { whoHas(entitlementId: "x", first: $n) { totalCount } }', { n: 'ten' });
      assert.equal(on.status, 400);
      assert.deepEqual([on.status, on.body], [off.status, off.body]);
    });

    it('a document graphql-jit will not compile runs on graphql-js: a subscription, which this schema has none of', async () => {
      const body = await same('subscription { graphVersion }');
      assert.deepEqual(codes(body), ['BAD_REQUEST']);
      assert.match(body.errors![0].message, /not configured to execute subscription/);
    });

    // Last: it breaks both stores' access index (the pages' paths are gone until the store reopens).
    it('an internal fault (the access index lost its paths) is masked by formatError alike', async () => {
      for (const side of [pair.on, pair.off]) await side.t.server.store.write((tx) => tx.run('access/index-clear-grants', {}));
      const body = await same(Q.whoHas, { e: 'okta:app:slack' });
      assert.deepEqual(body.errors, [{ message: 'Internal error; the server log has the details', path: ['whoHas'], extensions: { code: 'STORE_QUERY_FAILED' } }]);
      assert.equal(body.data, null);
    });
  });
});
