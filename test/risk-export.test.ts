import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readGraphVersion } from '../src/graph-version';
import { ACCESS_COLUMNS, effectiveAccessCsv } from '../src/risk/export/access-table';
import { FINDING_COLUMNS, HISTORY_COLUMNS, IDENTITY_COLUMNS } from '../src/risk/export/risk-tables';
import { adminIngest, startTestServer, type TestServer } from './helpers/graphql-http';
import { riskWorld } from './helpers/risk-world';
import { writeBundle } from './helpers/write-bundle';

const AWKWARD_NAME = 'Zed, "the" Tester\nsecond line';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An independent RFC 4180 reader (csv-parse) in strict mode: a malformed file fails here. */
function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(text, { bom: false, relax_quotes: false, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
  const [header, ...rest] = records;
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

async function get(t: TestServer, path: string) {
  const res = await fetch(`${t.url}${path}`);
  return { res, text: await res.text() };
}

describe('GET /export/<table>.csv', () => {
  let t: TestServer;
  let world: string;
  before(async () => {
    t = await startTestServer();
    world = riskWorld(new Date());
    assert.equal((await adminIngest(t, world)).body.status, 'succeeded');
    const extra = writeBundle({
      'source.json': { source: 'hr-extra', mode: 'incremental', exportedAt: new Date().toISOString() },
      identities: [{ id: 'hr:zed', kind: 'human', displayName: AWKWARD_NAME, department: 'Finance', status: 'active' }],
    });
    assert.equal((await adminIngest(t, extra)).body.status, 'succeeded');
  });
  after(async () => t.close());

  it('identities.csv: every identity with its score, stable columns, exact values through quoting', async () => {
    const { res, text } = await get(t, '/export/identities.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.ok(res.headers.get('x-whohas-graph-version'));
    const { header, rows } = readCsv(text);
    assert.deepEqual(header, [...IDENTITY_COLUMNS]);
    assert.equal(rows.length, 28);
    const byId = new Map(rows.map((r) => [r.identity_id, r]));
    assert.equal(byId.get('hr:zed')!.display_name, AWKWARD_NAME);
    assert.deepEqual([byId.get('agent:tom-bot')!.department, byId.get('agent:tom-bot')!.risk_department], ['', 'Finance'], "an agent counts under its owner's department");
    const orphan = byId.get('svc:orphan')!;
    assert.deepEqual([orphan.risk_score, orphan.risk_band, orphan.finding_count, orphan.top_factor_code], ['30', 'medium', '4', 'CREDENTIAL_STALE']);
    assert.equal(byId.get('hr:tom')!.terminated_at.length > 0 && ISO.test(byId.get('hr:tom')!.terminated_at), true);
    for (const r of rows) assert.match(r.evaluated_at, ISO);
  });

  it('findings.csv: the same findings as GraphQL, lists in one cell', async () => {
    const { rows, header } = readCsv((await get(t, '/export/findings.csv')).text);
    assert.deepEqual(header, [...FINDING_COLUMNS]);
    const gql = await t.data('{ findings(first: 500) { totalCount edges { node { id reason evidence systemIds } } } }');
    assert.equal(rows.length, gql.findings.totalCount);
    assert.deepEqual(rows.map((r) => r.finding_id), gql.findings.edges.map((e: any) => e.node.id), 'same order: worst first');
    for (const [i, e] of gql.findings.edges.entries()) {
      assert.equal(rows[i].reason, e.node.reason);
      assert.deepEqual(rows[i].evidence_ids.split(';'), e.node.evidence);
      assert.deepEqual(rows[i].system_ids ? rows[i].system_ids.split(';') : [], e.node.systemIds);
    }
  });

  it('effective-access.csv: one row per active identity x entitlement pair of the index', async () => {
    const { rows, header } = readCsv((await get(t, '/export/effective-access.csv')).text);
    assert.deepEqual(header, [...ACCESS_COLUMNS]);
    const now = new Date().toISOString();
    const index = (await t.server.store.run('export/access-index', {})).filter((r) => r.activeUntil === null || String(r.activeUntil) > now);
    assert.deepEqual(rows.map((r) => `${r.identity_id}|${r.entitlement_id}`), index.map((r) => `${r.identityId}|${r.entitlementId}`));
    const pair = (i: string, e: string) => rows.find((r) => r.identity_id === i && r.entitlement_id === e)!;
    assert.deepEqual([pair('agent:helper', 'erp:approve').via_delegation, pair('hr:alice', 'erp:approve').via_delegation], ['true', 'false']);
    assert.equal(pair('hr:alice', 'erp:approve').privileged, 'true');
    assert.equal(pair('hr:alice', 'erp:approve').active_until, '', 'no expiry');
    assert.match(pair('agent:narrow', 'erp:view').active_until, ISO, 'a delegation that expires');
    assert.match(pair('hr:alice', 'erp:approve').last_used_at, ISO);
    assert.equal(pair('hr:uma', 'erp:approve').use_count, '1');
  });

  it('effective-access pages by identity: any page size gives the same rows', async () => {
    const store = t.server.store;
    const now = new Date().toISOString();
    const version = await store.read(readGraphVersion);
    const all = async (pageSize: number) => {
      let text = '';
      for await (const chunk of effectiveAccessCsv(store, now, version, pageSize)) text += chunk;
      return text;
    };
    const big = await all(1000);
    assert.equal(await all(3), big);
    assert.equal(await all(1), big);
  });

  it('an ingest landing mid-export stops it instead of mixing two graphs', async () => {
    const store = t.server.store;
    const chunks = effectiveAccessCsv(store, new Date().toISOString(), await store.read(readGraphVersion), 2);
    assert.match((await chunks.next()).value as string, /^identity_id,/);
    assert.equal((await chunks.next()).done, false);
    assert.equal((await adminIngest(t, world)).body.status, 'succeeded');
    await assert.rejects(async () => {
      for (let r = await chunks.next(); !r.done; r = await chunks.next());
    }, (e: Error & { code?: string }) => e.code === 'GRAPH_MOVED');
  });

  it('metrics-history.csv: one row per run and metric, in run order', async () => {
    const { rows, header } = readCsv((await get(t, '/export/metrics-history.csv')).text);
    assert.deepEqual(header, [...HISTORY_COLUMNS]);
    const runs = await t.data('{ ingestRuns(first: 50) { edges { node { id status } } } }');
    const succeeded = runs.ingestRuns.edges.map((e: any) => e.node).filter((r: any) => r.status === 'SUCCEEDED').map((r: any) => r.id).reverse();
    assert.deepEqual([...new Set(rows.map((r) => r.run_id))], succeeded);
    const unowned = rows.filter((r) => r.metric === 'findings.UNOWNED_ACCOUNT');
    assert.deepEqual(unowned.map((r) => r.value), succeeded.map(() => '2'));
    for (const r of rows) assert.match(r.taken_at, ISO);
  });

  it('an unknown table is a 404 with the list of tables', async () => {
    for (const path of ['/export/nope.csv', '/export/identities.json', '/export/..%2Fidentities.csv']) {
      const { res, text } = await get(t, path);
      assert.equal(res.status, 404, path);
      assert.match(JSON.parse(text).error.message, /identities\.csv, findings\.csv, effective-access\.csv, metrics-history\.csv/);
    }
  });
});
