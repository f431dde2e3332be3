import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { FINDING_CODES } from '../src/risk/catalog';
import { adminIngest, startTestServer, type TestServer } from './helpers/graphql-http';
import { parseExposition, type Family } from './helpers/prometheus-text';
import { riskWorld } from './helpers/risk-world';
import { writeBundle } from './helpers/write-bundle';

/** A department name with every character the format must escape. */
const AWKWARD = 'R&D "Labs" \\ West\nWing';

describe('GET /metrics (Prometheus exposition of the current risk metrics)', () => {
  let t: TestServer;
  let body: string;
  let contentType: string | null;
  let families: Map<string, Family>;
  const value = (name: string, labels: Record<string, string> = {}) =>
    families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)?.value;

  before(async () => {
    t = await startTestServer();
    assert.equal((await adminIngest(t, riskWorld(new Date()))).body.status, 'succeeded');
    const extra = writeBundle({
      'source.json': { source: 'hr-extra', mode: 'incremental', exportedAt: new Date().toISOString() },
      identities: [{ id: 'hr:zed', kind: 'human', displayName: 'Zed', department: AWKWARD, status: 'active' }],
      accounts: [{ id: 'wiki:zed', systemId: 'wiki', identityId: 'hr:zed', status: 'enabled', createdAt: '2020-01-01T00:00:00Z' }],
    });
    assert.equal((await adminIngest(t, extra)).body.status, 'succeeded');
    const res = await fetch(`${t.url}/metrics`);
    assert.equal(res.status, 200);
    contentType = res.headers.get('content-type');
    body = await res.text();
    families = parseExposition(body);
  });
  after(async () => t.close());

  it('is the text format, every family with help; the risk metrics are gauges, the cache counts are counters', () => {
    assert.match(contentType ?? '', /^text\/plain; version=0\.0\.4; charset=utf-8$/);
    assert.ok(families.size >= 10);
    for (const f of families.values()) {
      assert.equal(f.type, f.name.endsWith('_total') ? 'counter' : 'gauge', f.name);
      assert.ok(f.help.length > 10, f.name);
      assert.match(f.name, /^whohas_[a-z_]+$/);
    }
    assert.equal(families.get('whohas_response_cache_requests_total')?.samples.length, 3);
  });

  it('carries the numbers of the graph, with labels', () => {
    assert.equal(value('whohas_risk_findings', { code: 'UNOWNED_ACCOUNT' }), 2);
    assert.equal(value('whohas_risk_findings', { code: 'TERMINATED_IDENTITY_ENABLED_ACCOUNT' }), 2);
    assert.equal(value('whohas_risk_finding_identities', { code: 'TERMINATED_IDENTITY_ENABLED_ACCOUNT' }), 1);
    assert.equal(value('whohas_risk_findings_by_severity', { severity: 'critical' }), 1, 'the SoD rule is not loaded here: only Tom');
    assert.equal(value('whohas_identities', { kind: 'agent' }), 6);
    assert.equal(value('whohas_accounts', { system: 'erp', status: 'disabled' }), 2);
    assert.equal(value('whohas_risk_department_findings', { department: 'Finance', code: 'DORMANT_ACCOUNT' }), 2);
    assert.equal(value('whohas_risk_system_findings', { system: 'wiki', code: 'UNOWNED_ACCOUNT' }), 1);
    assert.equal(families.get('whohas_graph_info')?.samples.length, 1);
  });

  it('keeps grids complete (zeros included) and escapes awkward label values so they read back exactly', () => {
    const departments = new Set(families.get('whohas_risk_department_findings')!.samples.map((s) => s.labels.department));
    assert.ok(departments.has(AWKWARD), [...departments].join(' | '));
    for (const d of departments) {
      for (const code of FINDING_CODES) assert.notEqual(value('whohas_risk_department_findings', { department: d, code }), undefined, `${d} ${code}`);
    }
    assert.ok(body.includes('department="R&D \\"Labs\\" \\\\ West\\nWing"'));
    assert.equal(value('whohas_risk_department_findings', { department: AWKWARD, code: 'DORMANT_ACCOUNT' }), 1, 'Zed never logged in');
  });

  it('passes promtool check metrics', (ctx) => {
    if (spawnSync('sh', ['-c', 'command -v promtool']).status !== 0) {
      ctx.skip('promtool is not installed (Debian package "prometheus"); the strict parser above still checks the format');
      return;
    }
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
    assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no lint warnings either');
  });
});

describe('the strict exposition reader used above refuses what Prometheus would', () => {
  const good = '# HELP a_b A thing.\n# TYPE a_b gauge\na_b{x="1"} 2\n';
  it('reads a good body', () => {
    assert.equal(parseExposition(good).get('a_b')?.samples[0].value, 2);
  });
  for (const [why, text] of [
    ['no trailing line feed', good.trimEnd()],
    ['sample before TYPE', '# HELP a_b A thing.\na_b 1\n'],
    ['unknown type', '# HELP a_b A thing.\n# TYPE a_b gauges\na_b 1\n'],
    ['bad escape', '# HELP a_b A thing.\n# TYPE a_b gauge\na_b{x="\\t"} 1\n'],
    ['unquoted label value', '# HELP a_b A thing.\n# TYPE a_b gauge\na_b{x=1} 1\n'],
    ['duplicate series', `${good}`.replace('a_b{x="1"} 2\n', 'a_b{x="1"} 2\na_b{x="1"} 3\n')],
    ['family split in two', `${good}# HELP c A thing.\n# TYPE c gauge\nc 1\na_b{x="2"} 1\n`],
    ['bad value', '# HELP a_b A thing.\n# TYPE a_b gauge\na_b one\n'],
    ['reserved label name', '# HELP a_b A thing.\n# TYPE a_b gauge\na_b{__x="1"} 1\n'],
  ] as const) {
    it(`refuses: ${why}`, () => assert.throws(() => parseExposition(text)));
  }
});
