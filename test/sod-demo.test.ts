import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StoredHop } from '../src/access/path';
import { generateDemo, writeDemo, type DemoOptions, type WrittenDemo } from '../src/demo/generate-demo';
import { MIN_HUMANS } from '../src/demo/people';
import { EXPORTED_AT } from '../src/demo/random';
import { APPROVE_PAYMENT, CREATE_VENDOR, DEMO_SOD_SHAPES, SOD_NHI, type DemoSod, type SodShapeName } from '../src/demo/sod-shapes';
import { MITIGATION_EXPIRED_AT, MITIGATION_IN_FORCE_UNTIL } from '../src/demo/sod-rules';
import type { SideHolding } from '../src/sod/evaluate';
import { evaluateSod, loadSodRules, type SodEvaluation } from '../src/sod/sod-service';
import { sap } from '../src/demo/catalog-kit';
import { SINGLE_KEY_BATCH } from '../src/read/by-keys';
import { readPaths } from '../src/sod/sod-data';
import type { GraphStore } from '../src/store/port';
import { startTestServer } from './helpers/graphql-http';
import { tempStore } from './helpers/temp-store';

const RULE = 'SAP-P2P-01';
const chainOf = (h: SideHolding) => h.controlChain.map((hop) => `${hop.e ?? ''}>${hop.id}`);

/** The control chain each REACH shape must show: from the person to the identity that approves payments. */
function expectedChain(sod: DemoSod, name: SodShapeName): string[] | undefined {
  const me = `>${sod.shapes[name]}`;
  if (name === 'delegation') return [me, `DELEGATES_TO>${SOD_NHI.paymentAssistant}`];
  if (name === 'ownedService') return [me, `OWNS>${SOD_NHI.paymentsConnector}`];
  if (name === 'agentChain') return [me, `OWNS>${SOD_NHI.apOrchestrator}`, `DELEGATES_TO>${SOD_NHI.paymentExecutor}`];
  return undefined;
}

/** The exact outcome a shape must give under the demo rules at the demo's "now". */
function assertShape(ev: SodEvaluation, sod: DemoSod, name: SodShapeName): void {
  const spec = DEMO_SOD_SHAPES[name];
  const id = sod.shapes[name];
  const v = ev.violations.find((x) => x.ruleId === RULE && x.identityId === id);
  if (spec.kind === null) {
    assert.equal(v, undefined, `${name}: ${id} should not violate ${RULE}`);
    return;
  }
  assert.ok(v, `${name}: ${id} should violate ${RULE}`);
  assert.equal(v.kind, spec.kind, name);
  if (spec.mitigation === 'inForce') {
    assert.equal(v.mitigation?.identity, id);
    assert.equal(Date.parse(v.mitigation!.expiry!), Date.parse(MITIGATION_IN_FORCE_UNTIL));
    assert.equal(v.expiredMitigation, null);
  } else if (spec.mitigation === 'expired') {
    assert.equal(v.mitigation, null, 'an expired mitigation does not count');
    assert.equal(Date.parse(v.expiredMitigation!.expiry!), Date.parse(MITIGATION_EXPIRED_AT));
  } else {
    assert.equal(v.mitigation, null, name);
    assert.equal(v.expiredMitigation, null, name);
  }
  const chain = expectedChain(sod, name);
  if (chain) {
    // create_vendor held directly; approve_payment only through the planted chain.
    assert.deepEqual(v.left.map((h) => [h.entitlementId, h.holderId, h.controlChain.length]), [[CREATE_VENDOR, id, 0]], name);
    assert.equal(v.right.length, 1, `${name}: one way to approve payments, the planted one`);
    assert.equal(v.right[0].entitlementId, APPROVE_PAYMENT);
    assert.equal(v.right[0].holderId, chain[chain.length - 1].split('>')[1]);
    assert.deepEqual(chainOf(v.right[0]), chain, name);
  }
}

interface Loaded {
  demo: WrittenDemo;
  ev: SodEvaluation;
  store: GraphStore;
  close(): Promise<void>;
}

/** Writes a demo, ingests it into a real store, loads the demo rules and evaluates them at the demo's "now". */
async function loadDemo(opts: DemoOptions): Promise<Loaded> {
  const bundle = mkdtempSync(join(tmpdir(), 'whohas-sod-demo-'));
  const t = await tempStore();
  const close = async () => {
    await t.close();
    rmSync(bundle, { recursive: true, force: true });
  };
  try {
    const demo = await writeDemo(bundle, opts);
    const run = await t.ingest(bundle);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(run.unknownFiles, [], 'the rule document is not written into the bundle folder');
    const loaded = await loadSodRules(t.store, demo.sodRules, 'sod-rules.yaml', new Date(EXPORTED_AT));
    assert.deepEqual(loaded.warnings, [], 'every side of every demo rule matches something in the demo catalog');
    return { demo, ev: (await evaluateSod(t.store, EXPORTED_AT))!, store: t.store, close };
  } catch (e) {
    await close();
    throw e;
  }
}

const SHAPES = Object.keys(DEMO_SOD_SHAPES) as SodShapeName[];

/**
 * The demo plants one identity per separation-of-duties path shape (src/demo/sod-shapes.ts); the demo
 * rules (src/demo/sod-rules.ts) must find each exactly as intended, at the demo's own "now".
 */
describe('separation of duties on the demo enterprise: every planted shape', () => {
  let loaded: Loaded;
  let demo: WrittenDemo;
  let ev: SodEvaluation;
  const shape = (name: SodShapeName) => demo.sod.shapes[name];

  before(async () => {
    loaded = await loadDemo({ humans: 300 });
    ({ demo, ev } = loaded);
  });
  after(() => loaded?.close());

  it('the rule document parses whole: nine rules across SAP, Workday, AWS, GitHub, Okta and agent tools', () => {
    assert.equal(ev.rules.length, 9);
    for (const r of ev.rules) assert.ok(r.left.size > 0 && r.right.size > 0, r.rule.id);
    const systems = new Set(ev.rules.flatMap((r) => [...r.left, ...r.right]).map((e) => e.split(':')[0]));
    assert.deepEqual([...systems].sort(), ['aws', 'github', 'okta', 'sap', 'tool', 'workday']);
    const selectorSide = ev.rules.find((r) => r.rule.id === 'SAP-P2P-02')!;
    assert.deepEqual([...selectorSide.left].sort(), [sap.perm('change_vendor_bank'), CREATE_VENDOR], 'a selector picks the vendor-master family');
  });

  it('plants each shape on its own identity', () => {
    assert.deepEqual(Object.keys(demo.sod.shapes).sort(), [...SHAPES].sort());
    assert.equal(new Set(Object.values(demo.sod.shapes)).size, SHAPES.length);
  });

  for (const name of SHAPES) {
    const spec = DEMO_SOD_SHAPES[name];
    it(`${name}: ${spec.kind ?? 'no violation'}${spec.mitigation ? `, mitigation ${spec.mitigation}` : ''} (${spec.description})`, () => {
      assertShape(ev, demo.sod, name);
    });
  }

  it('nested: approve_payment comes three roles deep', () => {
    const v = ev.violations.find((x) => x.ruleId === RULE && x.identityId === shape('nested'))!;
    const path = v.right[0].paths[0];
    assert.deepEqual(path.map((h) => h.k), ['identity', 'account', 'group', 'group', 'group', 'entitlement']);
    assert.deepEqual(path.slice(2).map((h: StoredHop) => `${h.e}>${h.id}`), [
      `MEMBER_OF>${sap.role('AP_REGIONAL_LEAD')}`, `MEMBER_OF>${sap.role('AP_PAYMENTS')}`,
      `MEMBER_OF>${sap.role('AP_PAYMENT_APPROVAL')}`, `GRANTS>${APPROVE_PAYMENT}`,
    ]);
  });

  it('the near misses are near: a lapsed AP_SUPERVISOR membership, and a disabled SAP user holding both roles', () => {
    const held = (name: SodShapeName) => [...(ev.held.get(shape(name)) ?? [])].filter((e) => e === CREATE_VENDOR || e === APPROVE_PAYMENT);
    assert.deepEqual(held('expiredMembership'), [CREATE_VENDOR], 'still creates vendors');
    assert.deepEqual(held('disabledAccount'), []);
    const { records } = generateDemo({ humans: 300 });
    const sapOf = (name: SodShapeName) => records.accounts.filter((a) => a.systemId === 'sap:fin' && a.identityId === shape(name));
    const supervisor = (accountId: string) => records.memberships.find((m) => m.memberId === accountId && m.groupId === sap.role('AP_SUPERVISOR'));
    const lapsed = supervisor(sapOf('expiredMembership')[0].id);
    assert.ok(lapsed?.expiresAt && lapsed.expiresAt < EXPORTED_AT, JSON.stringify(lapsed));
    const disabled = sapOf('disabledAccount').find((a) => a.status === 'disabled')!;
    assert.ok(supervisor(disabled.id) && records.memberships.some((m) => m.memberId === disabled.id && m.groupId === sap.role('AP_CLERK')));
  });

  it('reads the evidence of a few identities one by one exactly as the batched read gives it', async () => {
    const ids = [...ev.held.keys()].sort();
    assert.ok(ids.length > SINGLE_KEY_BATCH, `${ids.length} holders: the batched read needs more than ${SINGLE_KEY_BATCH}`);
    const ruleEntitlements = [...new Set(ev.rules.flatMap((r) => [...r.left, ...r.right]))];
    const batched = await readPaths(loaded.store, ids, ruleEntitlements, EXPORTED_AT);
    const oneByOne = new Map();
    for (const id of ids) for (const [k, v] of await readPaths(loaded.store, [id], ruleEntitlements, EXPORTED_AT)) oneByOne.set(k, v);
    assert.ok(batched.size > SINGLE_KEY_BATCH);
    assert.deepEqual(oneByOne, batched);
    const entitlementsRead = new Set([...oneByOne.values()].flatMap((held) => [...held.keys()]));
    assert.ok([...entitlementsRead].every((e) => ruleEntitlements.includes(e)), 'grants outside the rules are dropped');
  });
});

describe('the demo shapes at other sizes and seeds', () => {
  for (const opts of [{ humans: MIN_HUMANS }, { humans: 60, seed: 7 }]) {
    it(`every shape gives its outcome at ${JSON.stringify(opts)}`, async () => {
      const { demo, ev, close } = await loadDemo(opts);
      try {
        for (const name of SHAPES) assertShape(ev, demo.sod, name);
      } finally {
        await close();
      }
    });
  }

  it('the same options plant the same people', () => {
    assert.deepEqual(generateDemo({ humans: 1000, seed: 3 }).sod, generateDemo({ humans: 1000, seed: 3 }).sod);
  });

  it('the server seeds the demo rules with the demo', async () => {
    const t = await startTestServer({ WHOHAS_DEMO: 'true', WHOHAS_DEMO_HUMANS: '60' });
    try {
      const { sodRules, sodSummary } = await t.data('{ sodRules { version rules { id } } sodSummary { open } }');
      assert.match(sodRules.version, /^demo-2026\.11\+/);
      assert.equal(sodRules.rules.length, 9);
      assert.ok(sodSummary.open > 0);
    } finally {
      await t.close();
    }
  });
});
