import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemo, writeDemo, type WrittenDemo } from '../src/demo/generate-demo';
import { plantedRiskCounts, type PlantedRiskCounts } from '../src/demo/planted-counts';
import { EXPORTED_AT } from '../src/demo/random';
import { DEMO_SOD_SHAPES, type SodShapeName } from '../src/demo/sod-shapes';
import { evaluateRisk, type RiskEvaluation } from '../src/risk/risk-service';
import { riskHistory } from '../src/risk/snapshot';
import { loadSodRules } from '../src/sod/sod-service';
import { tempStore, type TempStore } from './helpers/temp-store';

const HUMANS = 300;

describe('risk metrics on the demo enterprise equal what the generator planted', () => {
  let t: TempStore;
  let bundle: string;
  let demo: WrittenDemo;
  let planted: PlantedRiskCounts;
  let ev: RiskEvaluation;
  const count = (code: string) => ev.metrics('NONE')[0].findings.find((f) => f.code === code)!;

  before(async () => {
    bundle = mkdtempSync(join(tmpdir(), 'whohas-risk-demo-'));
    demo = await writeDemo(bundle, { humans: HUMANS });
    planted = plantedRiskCounts(generateDemo({ humans: HUMANS }).records, EXPORTED_AT);
    t = await tempStore('whohas-risk-demo-db-');
    const run = await t.ingest(bundle, { now: () => new Date(EXPORTED_AT) });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    await loadSodRules(t.store, demo.sodRules, 'demo sod-rules.yaml', new Date(EXPORTED_AT));
    ev = await evaluateRisk(t.store, EXPORTED_AT, { fresh: true });
  });
  after(async () => {
    await t.close();
    rmSync(bundle, { recursive: true, force: true });
  });

  it('the generator plants every countable shape (so the comparison below says something)', () => {
    for (const [code, n] of Object.entries(planted.findings)) assert.ok(n > 0, `${code}: none planted`);
    assert.equal(planted.findings.UNOWNED_ACCOUNT, 10, 'the 13 orphan accounts of orphans.ts, 10 of them enabled');
    assert.equal(planted.findings.NHI_WITHOUT_OWNER, 6, 'six services nobody owns (services.ts)');
  });

  it('identities, kinds and accounts', () => {
    const all = ev.metrics('NONE')[0];
    assert.deepEqual(
      [all.identities, all.humans, all.services, all.agents, all.accounts, all.enabledAccounts],
      [planted.identities, planted.humans, planted.services, planted.agents, planted.accounts, planted.enabledAccounts],
    );
  });

  for (const code of [
    'UNOWNED_ACCOUNT', 'TERMINATED_IDENTITY_ENABLED_ACCOUNT', 'DORMANT_ACCOUNT', 'NHI_WITHOUT_OWNER', 'NHI_OWNER_TERMINATED',
    'CREDENTIAL_STALE', 'CREDENTIAL_NEVER_ROTATED', 'CREDENTIAL_NO_EXPIRY', 'DELEGATION_NO_EXPIRY',
  ] as const) {
    it(`${code}: the planted count`, () => assert.equal(count(code).count, planted.findings[code]));
  }

  it('leavers: distinct terminated identities with an enabled account', () => {
    assert.equal(count('TERMINATED_IDENTITY_ENABLED_ACCOUNT').identities, planted.terminatedWithEnabledAccounts);
  });

  it('SoD: every planted violation that is open is a finding; near misses and the mitigated one are not', () => {
    for (const [name, spec] of Object.entries(DEMO_SOD_SHAPES) as Array<[SodShapeName, (typeof DEMO_SOD_SHAPES)[SodShapeName]]>) {
      const id = demo.sod.shapes[name];
      const found = ev.findings.toArray().some((f) => f.code === 'SOD_VIOLATION' && f.subjectId === 'SAP-P2P-01' && f.identityId === id);
      assert.equal(found, spec.kind !== null && spec.mitigation !== 'inForce', `${name} (${id})`);
    }
  });

  it('deep delegation chains: the planted three-hop chain ends at the deploy bot', () => {
    const deep = ev.findings.toArray().filter((f) => f.code === 'DELEGATION_CHAIN_TOO_DEEP').map((f) => f.identityId);
    assert.ok(deep.includes('agent:deploy-bot'), deep.join(', '));
  });

  it('the snapshot taken after the ingest holds the same planted counts', async () => {
    const points = [];
    for await (const p of riskHistory(t.store, null)) points.push(p);
    assert.equal(points.length, 1);
    assert.equal(points[0].takenAt, new Date(EXPORTED_AT).toISOString());
    for (const [code, n] of Object.entries(planted.findings)) assert.equal(points[0].metrics[`findings.${code}`], n, code);
    assert.equal(points[0].metrics.identities, planted.identities);
  });
});
