import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, gql, securedWorld, type SecuredWorld } from '../helpers/auth-world';
import { SOD_RULES } from '../helpers/sod-world';

const IDENTITY = '{ identity(id: "hr:alice") { id displayName email } }';
const METRICS = '{ riskMetrics { graphVersion groups { key } } }';
const SIMULATE = 'mutation($as: ID) { simulate(changes: [{ op: DISABLE_ACCOUNT, accountId: "erp:alice" }], actingAs: $as) { id } }';
const DECISIONS = '{ decisions { edges { node { simulationId requester { client authenticated actingAsId } } } } }';
const LOAD_RULES = 'mutation($d: String!) { loadSodRules(document: $d, fileName: "sod.yaml") { ruleSet { version } } }';
const code = (r: { body: { errors?: Array<{ extensions?: Record<string, unknown> }>; error?: { code: string } } }) =>
  r.body.errors?.[0]?.extensions?.code ?? r.body.error?.code;

describe('authentication and roles on a server with API keys', () => {
  let w: SecuredWorld;
  before(async () => {
    w = await securedWorld();
  });
  after(() => w.close());

  it('refuses callers without credentials everywhere but the probes, with 401 and WWW-Authenticate', async () => {
    const anon = await gql(w.t.url, null, IDENTITY);
    assert.equal(anon.status, 401);
    assert.equal(code(anon), 'UNAUTHENTICATED');
    assert.equal(anon.headers.get('www-authenticate'), 'Bearer');
    for (const path of ['/metrics', '/export/identities.csv', '/admin/export']) {
      const res = await get(w.t.url, path, null);
      assert.equal(res.status, 401, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'UNAUTHENTICATED', path);
    }
    assert.equal((await get(w.t.url, '/healthz', null)).status, 200);
    assert.equal((await get(w.t.url, '/readyz', null)).status, 200);
  });

  it('refuses a malformed, unknown or revoked key outright (never downgraded to anonymous)', async () => {
    const revoked = w.keys.create({ role: 'analyst', name: 'leaver' }).key;
    assert.equal((await gql(w.t.url, revoked, IDENTITY)).status, 200, 'works before it is revoked');
    w.keys.revoke('leaver');
    const tampered = w.key.analyst.slice(0, -1) + (w.key.analyst.endsWith('A') ? 'B' : 'A');
    for (const bad of [revoked, tampered, 'whk_000000000000_' + 'x'.repeat(43), 'whk_nonsense']) {
      const res = await gql(w.t.url, bad, IDENTITY);
      assert.equal(res.status, 401, bad);
      assert.equal(code(res), 'UNAUTHENTICATED');
    }
    const notBearer = await fetch(`${w.t.url}/metrics`, { headers: { authorization: `Basic ${w.key.analyst}` } });
    assert.equal(notBearer.status, 401);
  });

  it('analyst: reads everything with personal data, but neither simulates nor loads rules nor exports the bundle', async () => {
    const read = await gql(w.t.url, w.key.analyst, IDENTITY);
    assert.equal(read.body.errors, undefined);
    assert.equal(read.body.data.identity.displayName, 'Alice (direct, one role)');
    assert.equal(code(await gql(w.t.url, w.key.analyst, SIMULATE)), 'FORBIDDEN');
    assert.equal(code(await gql(w.t.url, w.key.analyst, LOAD_RULES, { d: SOD_RULES })), 'FORBIDDEN');
    assert.equal((await get(w.t.url, '/metrics', w.key.analyst)).status, 200);
    const csv = await get(w.t.url, '/export/identities.csv', w.key.analyst);
    assert.equal(csv.headers.get('x-whohas-personal-data'), 'included');
    assert.match(await csv.text(), /\r\nhr:alice,human,"?Alice \(direct, one role\)"?,/);
    assert.equal((await get(w.t.url, '/admin/export', w.key.analyst)).status, 403);
  });

  it('agent: simulates and records as its bound identity, authenticated, and cannot claim another', async () => {
    const sim = await gql(w.t.url, w.key.agent, SIMULATE);
    assert.equal(sim.body.errors, undefined, JSON.stringify(sim.body.errors));
    const other = await gql(w.t.url, w.key.agent, SIMULATE, { as: 'hr:alice' });
    assert.equal(code(other), 'FORBIDDEN');
    assert.match(other.body.errors![0].message, /bound to agent 'agent:pay-bot'/);
    const log = await gql(w.t.url, w.key.analyst, DECISIONS);
    const mine = log.body.data.decisions.edges.map((e: any) => e.node).find((n: any) => n.simulationId === sim.body.data.simulate.id);
    assert.deepEqual(mine.requester, { client: 'key:pay-bot-key', authenticated: true, actingAsId: 'agent:pay-bot' });
    assert.equal(code(await gql(w.t.url, w.key.agent, LOAD_RULES, { d: SOD_RULES })), 'FORBIDDEN');
  });

  it('bi: metrics and aggregates only; no identity, no personal field, pseudonymised exports', async () => {
    const metrics = await gql(w.t.url, w.key.bi, METRICS);
    assert.equal(metrics.body.errors, undefined);
    assert.equal(code(await gql(w.t.url, w.key.bi, IDENTITY)), 'FORBIDDEN');
    assert.equal(code(await gql(w.t.url, w.key.bi, '{ findings(first: 5) { totalCount } }')), 'FORBIDDEN');
    assert.equal(code(await gql(w.t.url, w.key.bi, SIMULATE)), 'FORBIDDEN');
    assert.equal((await get(w.t.url, '/metrics', w.key.bi)).status, 200);
    assert.equal((await get(w.t.url, '/admin/export', w.key.bi)).status, 403);

    const full = await (await get(w.t.url, '/export/identities.csv', w.key.analyst)).text();
    const ids = await get(w.t.url, '/export/identities.csv', w.key.bi);
    assert.equal(ids.headers.get('x-whohas-personal-data'), 'pseudonymised');
    const text = await ids.text();
    const [header, ...rows] = text.trim().split('\r\n');
    assert.equal(header, full.split('\r\n')[0], 'same columns, so BI tools keep working');
    assert.equal(rows.length, full.trim().split('\r\n').length - 1);
    assert.doesNotMatch(text, /hr:|Alice|alice/i, 'no identity id or name leaks');
    const biIds = new Set(rows.map((r) => r.split(',')[0]));
    assert.ok([...biIds].every((id) => /^p_[0-9a-f]{20}$/.test(id)));

    const access = await (await get(w.t.url, '/export/effective-access.csv', w.key.bi)).text();
    const accessIds = new Set(access.trim().split('\r\n').slice(1).map((r) => r.split(',')[0]));
    assert.ok(accessIds.size > 0 && [...accessIds].every((id) => biIds.has(id)), 'pseudonyms join across tables');
    const findings = await (await get(w.t.url, '/export/findings.csv', w.key.bi)).text();
    assert.doesNotMatch(findings, /hr:|erp:alice|Alice/);
  });

  it('admin: loads rules and exports the bundle; the per-start admin token still counts as admin', async () => {
    const loaded = await gql(w.t.url, w.key.admin, LOAD_RULES, { d: SOD_RULES });
    assert.equal(loaded.body.errors, undefined, JSON.stringify(loaded.body.errors));
    assert.equal((await get(w.t.url, '/admin/export', w.key.admin)).status, 200);
    const viaToken = await gql(w.t.url, null, IDENTITY, undefined, { 'x-whohas-admin-token': w.t.adminToken });
    assert.equal(viaToken.body.data.identity.id, 'hr:alice');
  });
});
