import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeDemo, type WrittenDemo } from '../src/demo/generate-demo';
import { EXPORTED_AT } from '../src/demo/random';
import { findViolations } from '../src/sod/evaluate';
import { readControl, readHeld, readPaths } from '../src/sod/sod-data';
import { evaluateSod, loadSodRules, withSodEvaluation, type SodEvaluation } from '../src/sod/sod-service';
import { tempDir } from './helpers/temp-dir';
import { tempStore, type TempStore } from './helpers/temp-store';

/**
 * A full scan finds violations from the holdings alone and reads paths only for the violators and
 * those they control; what-ifs read more evidence on demand. Both must give what the whole index
 * gives, and a late read must not mix a replaced graph into an old evaluation.
 */
describe('separation of duties: evidence read for the violations only', () => {
  let t: TempStore;
  let bundle: string;
  let demo: WrittenDemo;
  let ev: SodEvaluation;
  const ruleEntitlements = () => [...new Set(ev.rules.flatMap((r) => [...r.left, ...r.right]))];

  before(async () => {
    t = await tempStore('whohas-sod-evidence-');
    bundle = tempDir('whohas-sod-evidence-bundle-');
    demo = await writeDemo(bundle, { humans: 400 });
    assert.equal((await t.ingest(bundle)).status, 'succeeded');
    await loadSodRules(t.store, demo.sodRules, 'sod-rules.yaml', new Date(EXPORTED_AT));
    ev = (await evaluateSod(t.store, EXPORTED_AT))!;
  });
  after(() => t.close());

  it('finds what a scan over every holder with its paths finds', async () => {
    const everyHolder = await t.store.read((tx) => readPaths(tx, [...ev.held.keys()], ruleEntitlements(), EXPORTED_AT));
    assert.ok(everyHolder.size > 50, `holders of rule entitlements: ${everyHolder.size}`);
    const whole = findViolations(ev.rules, everyHolder, ev.control, EXPORTED_AT);
    assert.ok(whole.length >= 10, `violations: ${whole.length}`);
    assert.deepEqual(ev.violations, whole);
  });

  it('reads any holder’s evidence on demand, the same as the whole index holds', async () => {
    const violators = new Set(ev.violations.map((v) => v.identityId));
    const others = [...ev.held.keys()].filter((id) => !violators.has(id)).sort().slice(0, 25);
    assert.equal(others.length, 25);
    const onDemand = await ev.accessFor([...others, 'nobody-at-all'], EXPORTED_AT);
    const whole = await t.store.read((tx) => readPaths(tx, others, ruleEntitlements(), EXPORTED_AT));
    assert.deepEqual(onDemand, whole);
    assert.equal(onDemand.has('nobody-at-all'), false);
  });

  /** Violations at `at` computed from scratch: every holder's paths, the control graph, nothing cached. */
  const fromScratch = (at: string) =>
    t.store.read(async (tx) => {
      const { held } = await readHeld(tx, ruleEntitlements(), at);
      return findViolations(ev.rules, await readPaths(tx, [...held.keys()], ruleEntitlements(), at), await readControl(tx, at), at);
    });

  it('answers later instants from one evaluation until something in it expires, and never an earlier one', async () => {
    const first = (await evaluateSod(t.store, EXPORTED_AT))!;
    assert.ok(first.validUntil && first.validUntil > EXPORTED_AT, `valid until ${first.validUntil}`);
    const justBefore = new Date(Date.parse(first.validUntil) - 1000).toISOString();
    assert.notEqual(justBefore.slice(0, 16), EXPORTED_AT.slice(0, 16), 'a later minute: the old per-minute key recomputed here');
    assert.equal(await evaluateSod(t.store, justBefore), first, 'the same evaluation');
    assert.deepEqual(first.violations, await fromScratch(justBefore), 'and it is what a scan at that instant finds');
    const atExpiry = (await evaluateSod(t.store, first.validUntil))!;
    assert.notEqual(atExpiry, first);
    assert.equal(atExpiry.evaluatedAt, first.validUntil);
    assert.deepEqual(atExpiry.violations, await fromScratch(first.validUntil));
    const earlier = new Date(Date.parse(EXPORTED_AT) - 86_400_000).toISOString();
    const before = (await evaluateSod(t.store, earlier))!;
    assert.equal(before.evaluatedAt, earlier);
    assert.deepEqual(before.violations, await fromScratch(earlier));
  });

  it('refuses evidence from a graph that replaced the evaluated one, and a retry answers on the new graph', async () => {
    const unread = [...ev.held.keys()].sort().reverse().slice(0, 5);
    const moved = await t.ingest(bundle);
    assert.equal(moved.status, 'succeeded');
    await assert.rejects(ev.accessFor(unread, EXPORTED_AT), (e: Error & { code?: string }) => e.code === 'GRAPH_MOVED');
    let attempts = 0;
    const graphVersion = await withSodEvaluation(t.store, EXPORTED_AT, async (current) => {
      attempts++;
      if (attempts === 1) await ev.accessFor(unread, EXPORTED_AT);
      return current!.graphVersion;
    });
    assert.equal(attempts, 2);
    assert.equal(graphVersion, moved.graphVersion);
  });
});
