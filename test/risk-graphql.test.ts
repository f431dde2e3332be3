import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config';
import { startServer } from '../src/server/start-server';
import { adminIngest, INTERNALS, startTestServer, type TestServer } from './helpers/graphql-http';
import { RISK_RULES, riskWorld } from './helpers/risk-world';
import { writeBundle } from './helpers/write-bundle';

async function loadRules(t: TestServer): Promise<void> {
  const res = await fetch(`${t.url}/admin/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-whohas-admin-token': t.adminToken },
    body: JSON.stringify({ document: RISK_RULES, fileName: 'rules.yaml' }),
  });
  assert.equal(res.status, 200);
}

const FINDINGS = `query($code: FindingCode, $severity: RiskSeverity, $department: String, $kind: IdentityKind, $first: Int, $after: String) {
  findings(code: $code, severity: $severity, department: $department, kind: $kind, first: $first, after: $after) {
    totalCount evaluatedAt pageInfo { hasNextPage endCursor }
    edges { node { id code severity identityId kind department subjectId systemIds reason evidence identity { id displayName } } }
  }
}`;

describe('risk over GraphQL (real server, real store)', () => {
  let t: TestServer;
  const ids = async (vars: Record<string, unknown>) => (await t.data(FINDINGS, vars)).findings.edges.map((e: any) => e.node.id).sort();
  before(async () => {
    t = await startTestServer();
    const run = await adminIngest(t, riskWorld(new Date()));
    assert.equal(run.body.status, 'succeeded', JSON.stringify(run.body.error));
    await loadRules(t);
  });
  after(async () => t.close());

  it('findings: each filter narrows to exactly the matching findings, with the identity and its words', async () => {
    const sod = (await t.data(FINDINGS, { code: 'SOD_VIOLATION' })).findings;
    assert.equal(sod.totalCount, 1);
    assert.deepEqual(sod.edges[0].node.identity, { id: 'hr:victor', displayName: 'Victor (both SoD sides)' });
    assert.equal(sod.edges[0].node.severity, 'CRITICAL');
    assert.deepEqual(await ids({ code: 'DORMANT_ACCOUNT', department: 'Finance' }), ['DORMANT_ACCOUNT:erp:dora', 'DORMANT_ACCOUNT:wiki:dora']);
    assert.deepEqual(await ids({ code: 'DORMANT_ACCOUNT', department: 'IT' }), []);
    assert.deepEqual(await ids({ code: 'DELEGATION_NO_EXPIRY', kind: 'AGENT' }), ['DELEGATION_NO_EXPIRY:hr:alice:agent:helper', 'DELEGATION_NO_EXPIRY:hr:dan:agent:narrow']);
    assert.deepEqual(await ids({ code: 'DELEGATION_NO_EXPIRY', kind: 'HUMAN' }), []);
    assert.deepEqual(await ids({ severity: 'CRITICAL' }), ['SOD_VIOLATION:ERP-P2P:hr:victor', 'TERMINATED_IDENTITY_ENABLED_ACCOUNT:wiki:tom']);
    const unowned = (await t.data(FINDINGS, { code: 'UNOWNED_ACCOUNT' })).findings.edges.map((e: any) => e.node);
    assert.deepEqual(unowned.map((n: any) => [n.identityId, n.kind, n.identity, n.systemIds]), [[null, null, null, ['erp']], [null, null, null, ['wiki']]]);
  });

  it('findings: pages walk the whole list once, worst first', async () => {
    const all = (await t.data(FINDINGS, { first: 500 })).findings;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: any = (await t.data(FINDINGS, { first: 7, after: cursor })).findings;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    assert.equal(seen.length, all.totalCount);
    assert.deepEqual(seen, all.edges.map((e: any) => e.node.id));
    const rank = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
    const severities = all.edges.map((e: any) => rank.indexOf(e.node.severity));
    assert.deepEqual(severities, [...severities].sort((a: number, b: number) => b - a));
  });

  it('Identity.risk: the factors explain every point of the score', async () => {
    const { identity } = await t.data(`{ identity(id: "svc:orphan") { risk { score rawScore band factors { code weight count evidence } findings { code } } } }`);
    assert.equal(identity.risk.score, 30);
    assert.equal(identity.risk.band, 'MEDIUM');
    assert.equal(identity.risk.factors.reduce((n: number, f: any) => n + f.weight, 0), identity.risk.rawScore);
    assert.deepEqual(identity.risk.factors.find((f: any) => f.code === 'CREDENTIAL_STALE').evidence, ['cred:orphan-key']);
    assert.equal(identity.risk.findings.length, 4);
    const healthy = await t.data(`{ identity(id: "hr:c1") { risk { score band factors { code } } } }`);
    assert.deepEqual(healthy.identity.risk, { score: 0, band: 'NONE', factors: [] });
  });

  it('riskMetrics: counts per group agree with the findings and the graph', async () => {
    const q = `query($by: RiskGroupBy) { riskMetrics(groupBy: $by) { groupBy graphVersion groups { key identities humans services agents nhiToHumanRatio
      accounts enabledAccounts privilegedGrants findingsTotal identitiesWithFindings findings { code count identities } scoreDistribution { band identities } } } }`;
    const none = (await t.data(q, { by: 'NONE' })).riskMetrics.groups;
    assert.equal(none.length, 1);
    const all = none[0];
    assert.deepEqual([all.key, all.identities, all.humans, all.services, all.agents], ['all', 27, 18, 3, 6]);
    assert.equal(all.accounts, 27);
    assert.equal(all.enabledAccounts, 25);
    assert.equal(all.nhiToHumanRatio, Math.round((8 / 15) * 10_000) / 10_000, '2 active services + 6 agents per 15 active humans');
    const total = (await t.data(FINDINGS, { first: 0 })).findings.totalCount;
    assert.equal(all.findingsTotal, total);
    for (const f of all.findings) assert.equal(f.count, (await t.data(FINDINGS, { code: f.code, first: 0 })).findings.totalCount, f.code);
    assert.equal(all.scoreDistribution.reduce((n: number, b: any) => n + b.identities, 0), 27);
    const kinds = (await t.data(q, { by: 'KIND' })).riskMetrics.groups.map((g: any) => [g.key, g.identities]);
    assert.deepEqual(kinds, [['agent', 6], ['human', 18], ['service', 3], ['(none)', 0]], 'unowned accounts have no kind');
    const systems = new Map((await t.data(q, { by: 'SYSTEM' })).riskMetrics.groups.map((g: any) => [g.key, g]));
    assert.equal((systems.get('erp') as any).privilegedGrants, 7, 'approve: alice, uma, victor, mitch, agent:helper (from alice); create_vendor: victor, mitch');
    assert.equal((systems.get('crm') as any).privilegedGrants, 1);
    const departments = new Map((await t.data(q, { by: 'DEPARTMENT' })).riskMetrics.groups.map((g: any) => [g.key, g]));
    assert.deepEqual([...departments.keys()], ['Finance', 'IT', '(none)']);
    assert.equal((departments.get('(none)') as any).findings.find((f: any) => f.code === 'UNOWNED_ACCOUNT').count, 2);
  });

  it('refuses bad arguments with BAD_USER_INPUT and nothing internal', async () => {
    for (const [query, vars] of [
      [FINDINGS, { first: 100000 }],
      [FINDINGS, { department: '   ' }],
      [FINDINGS, { after: 'not-a-cursor' }],
      ['{ riskTrend(metric: "findings.NOPE") { metric } }', {}],
      ['{ riskTrend(metric: "findings", since: "yesterday") { metric } }', {}],
    ] as const) {
      const res = await t.post(query, vars);
      assert.equal(res.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', res.text);
      assert.doesNotMatch(res.text, INTERNALS);
    }
  });
});

describe('riskTrend: a snapshot after every successful ingest, kept across restarts', () => {
  it('shows one point per run, oldest first, and still after the server restarts on the same store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whohas-trend-'));
    const env = { WHOHAS_DB: join(dir, 'db.kuzu'), PORT: '0', WHOHAS_DEMO: 'false' };
    const trend = async (url: string, since?: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($s: String) { riskTrend(metric: "findings.UNOWNED_ACCOUNT", since: $s) { metric points { at runId graphVersion value } } }', variables: { s: since } }),
      });
      return ((await res.json()) as any).data.riskTrend.points;
    };
    try {
      let server = await startServer(loadConfig(env), { log: () => undefined });
      const world = riskWorld(new Date());
      const ingest = async (path: string, strict = false) => {
        const { readServerFile, serverFilePath } = await import('../src/server/server-file');
        const token = readServerFile(serverFilePath(loadConfig(env).kuzuPath))!.adminToken;
        const res = await fetch(`${server.url}/admin/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-whohas-admin-token': token }, body: JSON.stringify({ path, strict }) });
        return (await res.json()) as any;
      };
      const first = await ingest(world);
      const failed = await ingest(writeBundle({ identities: [{ id: 'hr:x', displayName: 'No kind', status: 'active' }] }), true);
      assert.equal(failed.status, 'failed', 'strict mode fails a bundle with a rejected record');
      const second = await ingest(world);
      const points = await trend(server.url);
      assert.deepEqual(points.map((p: any) => [p.runId, p.graphVersion, p.value]), [[first.id, first.graphVersion, 2], [second.id, second.graphVersion, 2]], 'no point for the failed run');
      assert.ok(points[0].at <= points[1].at);
      await server.close();
      server = await startServer(loadConfig(env), { log: () => undefined });
      assert.deepEqual(await trend(server.url), points, 'history survives a restart');
      assert.deepEqual(await trend(server.url, '2999-01-01'), []);
      assert.deepEqual((await trend(server.url, points[1].at)).map((p: any) => p.runId), [second.id]);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
