import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { formatError } from '../graphql/format-error';
import { WhohasError } from '../src/errors';
import { INTERNALS, adminIngest, fixtureDir, startTestServer, type TestServer } from './helpers/graphql-http';

/** Client mistakes get stable codes and clear messages; internals never leave the server. */
describe('GraphQL API errors, CSRF prevention and the other routes', () => {
  let t: TestServer;
  let graphVersion: string;

  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'false' });
    const res = await adminIngest(t, fixtureDir('acme'));
    assert.equal(res.body.status, 'succeeded');
    graphVersion = res.body.graphVersion;
  });
  after(() => t?.close());

  const codeOf = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions?.code;

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const res = await t.post('{ identity(id: "hr:bob" { id } }');
    assert.equal(res.status, 400);
    assert.equal(codeOf(res), 'GRAPHQL_PARSE_FAILED');
    assert.match(res.body.errors![0].message, /Syntax Error/);
    assert.equal(res.body.extensions?.graphVersion, graphVersion);
  });

  it('answers an operation type the schema lacks as the client\'s mistake, not an internal error', async () => {
    const res = await t.post('subscription { anything }');
    assert.notEqual(codeOf(res), 'INTERNAL_SERVER_ERROR');
    assert.match(res.body.errors![0].message, /subscription/i);
  });

  it('answers an unknown field or enum value with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const field = await t.post('{ identity(id: "hr:bob") { id salary } }');
    assert.equal(field.status, 400);
    assert.equal(codeOf(field), 'GRAPHQL_VALIDATION_FAILED');
    assert.match(field.body.errors![0].message, /Cannot query field "salary" on type "Identity"/);
    const value = await t.post('{ identities(filter: { kind: ROBOT }) { totalCount } }');
    assert.equal(value.status, 400);
    assert.equal(codeOf(value), 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(value.body.extensions?.graphVersion, graphVersion);
  });

  it('refuses an oversized or negative page with BAD_USER_INPUT and a clear message', async () => {
    for (const [first, message] of [[100000, /first must be <= 500/], [-1, /first must be >= 0/]] as const) {
      for (const q of ['identities(first: $n) { totalCount }', 'whoHas(entitlementId: "sap:view_ledger", first: $n) { totalCount }']) {
        const res = await t.post(`query($n: Int) { ${q} }`, { n: first });
        assert.equal(res.status, 200);
        assert.equal(codeOf(res), 'BAD_USER_INPUT', res.text);
        assert.match(res.body.errors![0].message, message);
        assert.equal(res.body.data, null);
        assert.equal(res.body.extensions?.graphVersion, graphVersion);
      }
    }
  });

  it('refuses a cursor it did not issue with BAD_USER_INPUT', async () => {
    for (const after of ['garbage', Buffer.from('o:-1').toString('base64url'), Buffer.from('offset 3').toString('base64url')]) {
      const res = await t.post('query($a: String) { identities(first: 2, after: $a) { totalCount } }', { a: after });
      assert.equal(codeOf(res), 'BAD_USER_INPUT', res.text);
      assert.match(res.body.errors![0].message, /'after' is not a cursor/);
    }
    const nested = await t.post('{ identity(id: "hr:bob") { effectiveAccess(after: "garbage") { totalCount } } }');
    assert.equal(codeOf(nested), 'BAD_USER_INPUT');
    assert.deepEqual(nested.body.errors![0].path, ['identity', 'effectiveAccess']);
  });

  it('refuses empty ids and over-long search text with BAD_USER_INPUT naming the argument', async () => {
    const empty = await t.post('{ whoHas(entitlementId: "  ") { totalCount } }');
    assert.equal(codeOf(empty), 'BAD_USER_INPUT');
    assert.match(empty.body.errors![0].message, /Argument 'entitlementId' must not be empty/);
    const long = await t.post('query($t: String) { identities(filter: { text: $t }) { totalCount } }', { t: 'x'.repeat(201) });
    assert.equal(codeOf(long), 'BAD_USER_INPUT');
    assert.match(long.body.errors![0].message, /filter.*text must be at most 200/);
  });

  it('leaks nothing from the store for a cursor offset beyond int64', async () => {
    // Once this reached the engine and came back as a (masked) STORE_QUERY_FAILED; now it is refused earlier.
    const res = await t.post('query($a: String) { identities(first: 2, after: $a) { totalCount } }', { a: Buffer.from('o:99999999999999999999').toString('base64url') });
    assert.ok(res.body.errors?.length, res.text);
    assert.doesNotMatch(res.text, INTERNALS);
  });

  it('masks internal errors in formatError, keeping only a stable code', () => {
    const logged: string[] = [];
    const log = (m: string) => logged.push(m);
    const detail = 'Binder exception: Table Identity does not exist (cypher/read/identities-page.cypher:3) at /work/main/dist/src/store/kuzu-store.js:49';
    const fromResolver = new GraphQLError(detail, { path: ['identity'], originalError: new WhohasError('STORE_QUERY_FAILED', detail) });
    const shown: GraphQLFormattedError = { message: detail, path: ['identity'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x (y.js:1:1)'] } };
    const masked = formatError(shown, fromResolver, log);
    assert.deepEqual(masked, { message: 'Internal error; the server log has the details', path: ['identity'], extensions: { code: 'STORE_QUERY_FAILED' } });
    assert.doesNotMatch(JSON.stringify(masked), INTERNALS);
    assert.match(logged.join('\n'), /STORE_QUERY_FAILED: Binder exception/, 'the detail belongs in the server log');

    const unexpected = formatError({ message: 'TypeError: x is undefined', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new TypeError('x is undefined'), log);
    assert.deepEqual(unexpected, { message: 'Internal error; the server log has the details', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });

    const userError = new GraphQLError("Argument 'id' must not be empty", { path: ['identity'], originalError: new WhohasError('BAD_USER_INPUT', "Argument 'id' must not be empty") });
    assert.deepEqual(formatError({ message: userError.message, path: ['identity'] }, userError, log).extensions, { code: 'BAD_USER_INPUT' });
    assert.equal(formatError({ message: userError.message }, userError, log).message, "Argument 'id' must not be empty");
  });

  it('refuses GET and simple (text/plain) POST requests without a preflight header (CSRF)', async () => {
    const query = encodeURIComponent('{ graphVersion }');
    const get = await fetch(`${t.url}/graphql?query=${query}`);
    assert.equal(get.status, 400);
    assert.match(await get.text(), /Cross-Site Request Forgery/);
    const plain = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ graphVersion }' }) });
    assert.equal(plain.status, 400);
    assert.match(await plain.text(), /Cross-Site Request Forgery/);
    const form = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${query}` });
    assert.equal(form.status, 400);
    // With the preflight header the same GET is served.
    const ok = await fetch(`${t.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { data: { graphVersion }, extensions: { graphVersion } });
  });

  it('answers a malformed JSON body with a 400 that leaks no stack trace or path', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    const text = await res.text();
    assert.equal(res.status, 400);
    assert.doesNotMatch(text, INTERNALS);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  });

  it('serves the playground at / and health at /healthz', async () => {
    const page = await fetch(`${t.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const html = await page.text();
    assert.match(html, /<title>whohas playground<\/title>/);
    assert.match(html, /<div id="graphiql">/);
    assert.match(html, /"graphqlPath":"\/graphql"/);
    const health = await fetch(`${t.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', store: 'kuzu' });
  });

  it('guards the admin ingest hook with the token from the server file', async () => {
    const wrong = await adminIngest(t, fixtureDir('acme'), 'x'.repeat(48));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'UNAUTHENTICATED');
    const bad = await fetch(`${t.url}/admin/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-whohas-admin-token': t.adminToken }, body: '{"dir": "/tmp"}' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'BAD_USER_INPUT');
    const runs = await t.data('{ ingestRuns { totalCount } }');
    assert.equal(runs.ingestRuns.totalCount, 1, 'refused requests must not start a run');
  });

  it('never showed a stack trace, engine message or file path in any error above', () => {
    assert.ok(t.errorBodies.length >= 10, `only ${t.errorBodies.length} error responses seen`);
    for (const text of t.errorBodies) {
      assert.doesNotMatch(text, INTERNALS);
      assert.doesNotMatch(text, /stacktrace/);
    }
  });
});
