import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FindingCode } from '../src/risk/catalog';
import type { Finding } from '../src/risk/finding';
import { evaluateRisk, type RiskEvaluation } from '../src/risk/risk-service';
import { RiskThresholdsSchema } from '../src/risk/thresholds';
import { loadSodRules } from '../src/sod/sod-service';
import { RISK_RULES, riskWorld } from './helpers/risk-world';
import { tempStore, type TempStore } from './helpers/temp-store';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const AT = NOW.toISOString();

/** `identity|subject` of every finding of a code, sorted: the exact set, so a near miss that fires fails too. */
const subjects = (ev: RiskEvaluation, code: FindingCode) =>
  ev.findings.toArray().filter((f) => f.code === code).map((f) => `${f.identityId ?? '-'}|${f.subjectId}`).sort();
const one = (ev: RiskEvaluation, id: string): Finding => {
  const f = ev.findings.toArray().find((x) => x.id === id);
  assert.ok(f, `finding ${id} should exist; have ${ev.findings.toArray().map((x) => x.id).slice(0, 50).join(', ')}`);
  return f;
};

describe('risk findings on a hand-built world (each type fires on its case, stays silent on the near miss)', () => {
  let t: TempStore;
  let ev: RiskEvaluation;
  before(async () => {
    t = await tempStore('whohas-risk-');
    const run = await t.ingest(riskWorld(NOW), { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    await loadSodRules(t.store, RISK_RULES, 'rules.yaml', NOW);
    ev = await evaluateRisk(t.store, AT, { fresh: true });
  });
  after(async () => t.close());

  it('UNOWNED_ACCOUNT: enabled accounts nobody owns; not a disabled one, not one linked by e-mail', () => {
    assert.deepEqual(subjects(ev, 'UNOWNED_ACCOUNT'), ['-|erp:ghost', '-|wiki:stranger']);
    assert.equal(one(ev, 'UNOWNED_ACCOUNT:erp:ghost').severity, 'high', 'on a critical system');
    assert.equal(one(ev, 'UNOWNED_ACCOUNT:wiki:stranger').severity, 'medium');
    assert.deepEqual(one(ev, 'UNOWNED_ACCOUNT:erp:ghost').evidence, ['erp:ghost', 'erp']);
  });

  it('TERMINATED_IDENTITY_ENABLED_ACCOUNT: per enabled account of a leaver; critical when used after leaving', () => {
    assert.deepEqual(subjects(ev, 'TERMINATED_IDENTITY_ENABLED_ACCOUNT'), ['hr:tom|erp:tom', 'hr:tom|wiki:tom']);
    assert.equal(one(ev, 'TERMINATED_IDENTITY_ENABLED_ACCOUNT:wiki:tom').severity, 'critical');
    assert.equal(one(ev, 'TERMINATED_IDENTITY_ENABLED_ACCOUNT:erp:tom').severity, 'high', 'last login before the termination');
    assert.match(one(ev, 'TERMINATED_IDENTITY_ENABLED_ACCOUNT:wiki:tom').reason, /Tom .* was terminated on 2026-10-02 .* used after that/);
  });

  it('DORMANT_ACCOUNT: no login for 90 days, or never with an old account; not 80 days, not a new account', () => {
    assert.deepEqual(subjects(ev, 'DORMANT_ACCOUNT'), ['hr:dora|erp:dora', 'hr:dora|wiki:dora']);
    assert.equal(one(ev, 'DORMANT_ACCOUNT:erp:dora').severity, 'medium', 'critical system');
    assert.match(one(ev, 'DORMANT_ACCOUNT:wiki:dora').reason, /never logged in/);
  });

  it('UNUSED_(PRIVILEGED_)ENTITLEMENT: from usage; not used 89 days ago, not on a system without usage data, not delegated-only', () => {
    assert.deepEqual(subjects(ev, 'UNUSED_PRIVILEGED_ENTITLEMENT'), ['hr:uma|erp:approve']);
    assert.deepEqual(subjects(ev, 'UNUSED_ENTITLEMENT'), ['hr:uma|erp:view']);
    const priv = one(ev, 'UNUSED_PRIVILEGED_ENTITLEMENT:hr:uma:erp:approve');
    assert.equal(priv.severity, 'high');
    assert.match(priv.reason, /last used it on 2026-07-24/);
    const index = (id: string) => ev.findings.toArray().findIndex((f) => f.id === id);
    assert.ok(index(priv.id) < index('UNUSED_ENTITLEMENT:hr:uma:erp:view'), 'privileged ones first');
  });

  it('NHI_WITHOUT_OWNER and NHI_OWNER_TERMINATED; not a terminated service, not a suspended owner', () => {
    assert.deepEqual(subjects(ev, 'NHI_WITHOUT_OWNER'), ['svc:orphan|svc:orphan']);
    assert.deepEqual(subjects(ev, 'NHI_OWNER_TERMINATED'), ['agent:tom-bot|agent:tom-bot']);
    assert.deepEqual(one(ev, 'NHI_OWNER_TERMINATED:agent:tom-bot').evidence, ['agent:tom-bot', 'hr:tom']);
    assert.equal(one(ev, 'NHI_OWNER_TERMINATED:agent:tom-bot').department, 'Finance', "an agent belongs to its owner's department");
  });

  it('CREDENTIAL_*: stale, never rotated, no expiry; not rotated lately, not young, not expired, not a human password', () => {
    assert.deepEqual(subjects(ev, 'CREDENTIAL_STALE'), ['svc:billing|cred:billing-old-rotation', 'svc:orphan|cred:orphan-key']);
    assert.deepEqual(subjects(ev, 'CREDENTIAL_NEVER_ROTATED'), ['svc:orphan|cred:orphan-key']);
    assert.deepEqual(subjects(ev, 'CREDENTIAL_NO_EXPIRY'), ['-|cred:ghost-key', 'svc:orphan|cred:orphan-key']);
    assert.deepEqual(one(ev, 'CREDENTIAL_STALE:cred:billing-old-rotation').evidence, ['cred:billing-old-rotation', 'svc:billing', 'erp:billing']);
    assert.deepEqual(one(ev, 'CREDENTIAL_STALE:cred:billing-old-rotation').systemIds, ['erp']);
  });

  it('DELEGATION_NO_EXPIRY and DELEGATION_BROADER_THAN_DELEGATOR; not expiring ones, not an expired broad one', () => {
    assert.deepEqual(subjects(ev, 'DELEGATION_NO_EXPIRY'), ['agent:helper|hr:alice->agent:helper', 'agent:narrow|hr:dan->agent:narrow']);
    assert.equal(one(ev, 'DELEGATION_NO_EXPIRY:hr:alice:agent:helper').severity, 'high', 'scope ["*"]');
    assert.equal(one(ev, 'DELEGATION_NO_EXPIRY:hr:dan:agent:narrow').severity, 'medium');
    assert.deepEqual(subjects(ev, 'DELEGATION_BROADER_THAN_DELEGATOR'), ['agent:narrow|hr:dan->agent:narrow']);
    assert.deepEqual(one(ev, 'DELEGATION_BROADER_THAN_DELEGATOR:hr:dan:agent:narrow').evidence, ['hr:dan', 'agent:narrow', 'erp:approve']);
  });

  it('DELEGATION_CHAIN_TOO_DEEP: three hops fire, two do not; the chain is the evidence', () => {
    assert.deepEqual(subjects(ev, 'DELEGATION_CHAIN_TOO_DEEP'), ['agent:sub2|agent:sub2']);
    assert.deepEqual(one(ev, 'DELEGATION_CHAIN_TOO_DEEP:agent:sub2').evidence, ['hr:alice', 'agent:helper', 'agent:sub1', 'agent:sub2']);
  });

  it('SOD_VIOLATION: open violations with the rule severity; a mitigated one is not a finding', () => {
    assert.deepEqual(subjects(ev, 'SOD_VIOLATION'), ['hr:victor|ERP-P2P']);
    const f = one(ev, 'SOD_VIOLATION:ERP-P2P:hr:victor');
    assert.equal(f.severity, 'critical');
    assert.deepEqual(f.evidence, ['ERP-P2P', 'hr:victor', 'erp:create_vendor', 'erp:approve']);
  });

  it('PEER_OUTLIER: access no peer holds; never what most peers hold', () => {
    const outliers = subjects(ev, 'PEER_OUTLIER');
    assert.ok(outliers.includes('hr:oscar|wiki:admin'), outliers.join(', '));
    assert.ok(!outliers.some((s) => s.endsWith('|erp:view')), 'erp:view is common among the clerks');
  });

  it('every finding has a reason in words, and evidence naming its subject and only identities that exist', () => {
    assert.ok(ev.findings.length > 20);
    for (const f of ev.findings) {
      assert.ok(f.reason.length > 20 && !/undefined|null|NaN/.test(f.reason), f.reason);
      assert.ok(f.evidence.includes(f.subjectId) || f.evidence.includes(f.identityId ?? '') || f.subjectType === 'delegation', `${f.id}: ${f.evidence}`);
      for (const id of f.evidence.filter((e) => /^(hr|svc|agent):/.test(e))) assert.ok(ev.data.identities.has(id), `${f.id}: ${id}`);
    }
  });

  it('scores: each finding is worth its severity points, halved for each further one of the same code', () => {
    const orphan = ev.scores.get('svc:orphan')!;
    assert.deepEqual(
      orphan.factors.map((f) => [f.code, f.weight, f.count]),
      [['CREDENTIAL_STALE', 10, 1], ['NHI_WITHOUT_OWNER', 10, 1], ['CREDENTIAL_NEVER_ROTATED', 5, 1], ['CREDENTIAL_NO_EXPIRY', 5, 1]],
    );
    assert.equal(orphan.rawScore, 30);
    assert.equal(orphan.score, 30);
    const tom = ev.scores.get('hr:tom')!;
    assert.deepEqual(tom.factors.map((f) => [f.code, f.weight, f.count, f.counted]), [['TERMINATED_IDENTITY_ENABLED_ACCOUNT', 25, 2, 2]], 'critical 20 + high 10 x 0.5');
    assert.deepEqual(tom.factors[0].findingIds, ['TERMINATED_IDENTITY_ENABLED_ACCOUNT:wiki:tom', 'TERMINATED_IDENTITY_ENABLED_ACCOUNT:erp:tom'], 'worst first');
    assert.deepEqual(tom.factors[0].evidence.sort(), ['erp', 'erp:tom', 'wiki', 'wiki:tom'], 'the evidence leaves out the identity itself');
    for (const s of ev.scores.values()) {
      const sum = Math.round(s.factors.reduce((n, f) => n + f.weight, 0) * 100) / 100;
      assert.equal(sum, s.rawScore, `${s.identityId}: factors add up to the raw score`);
      assert.equal(s.score, Math.min(100, s.rawScore));
    }
    assert.equal(ev.scores.get('hr:c1')!.rawScore, 0, 'a clerk with nothing wrong scores 0');
  });

  it('scores: code weights and severity points come from the thresholds; the score is capped at 100', async () => {
    const muted = await evaluateRisk(t.store, AT, { thresholds: RiskThresholdsSchema.parse({ codeWeights: { CREDENTIAL_NO_EXPIRY: 0 } }) });
    assert.equal(muted.scores.get('svc:orphan')!.rawScore, 25);
    assert.ok(muted.findings.toArray().some((f) => f.id === 'CREDENTIAL_NO_EXPIRY:cred:orphan-key'), 'a weight of 0 keeps the finding listed');
    const heavy = await evaluateRisk(t.store, AT, { thresholds: RiskThresholdsSchema.parse({ severityPoints: { high: 60 } }) });
    assert.deepEqual([heavy.scores.get('svc:orphan')!.rawScore, heavy.scores.get('svc:orphan')!.score], [130, 100]);
  });

  it('thresholds come from the config: a shorter dormancy and a shallower chain limit find more', async () => {
    const strict = RiskThresholdsSchema.parse({ dormantAccountDays: 70, maxDelegationDepth: 1 });
    const ev2 = await evaluateRisk(t.store, AT, { thresholds: strict });
    assert.deepEqual(subjects(ev2, 'DORMANT_ACCOUNT'), ['hr:dan|wiki:dan', 'hr:dora|erp:dora', 'hr:dora|wiki:dora']);
    assert.deepEqual(subjects(ev2, 'DELEGATION_CHAIN_TOO_DEEP'), ['agent:sub1|agent:sub1', 'agent:sub2|agent:sub2']);
    const lean = await evaluateRisk(t.store, AT, { thresholds: RiskThresholdsSchema.parse({ unusedEntitlementScope: 'privileged' }) });
    assert.deepEqual([subjects(lean, 'UNUSED_ENTITLEMENT'), subjects(lean, 'UNUSED_PRIVILEGED_ENTITLEMENT')], [[], ['hr:uma|erp:approve']]);
    assert.notEqual(ev2, ev, 'other thresholds are a different evaluation');
  });
});
