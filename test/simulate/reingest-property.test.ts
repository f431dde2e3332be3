import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Simulator } from '../../src/simulate/simulator';
import { evaluateSod, loadSodRules } from '../../src/sod/sod-service';
import type { GraphStore } from '../../src/store/port';
import { applyToWorld, bundleOf, changesArb, worldArb, type World } from '../helpers/sim-world';
import { tempStore } from '../helpers/temp-store';
import { writeBundle } from '../helpers/write-bundle';

const RULES = JSON.stringify({
  version: 'prop-1',
  rules: [
    { id: 'R01', name: 'e0 and e1', severity: 'high', left: ['app:e0'], right: ['app:e1'] },
    { id: 'R12', name: 'e1 and e2', severity: 'critical', left: ['app:e1'], right: ['app:e2'] },
  ],
});

async function ingested(world: World) {
  const t = await tempStore('whohas-sim-prop-');
  const run = await t.ingest(writeBundle(bundleOf(world)));
  assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  await loadSodRules(t.store, RULES, 'rules.json', new Date());
  return t;
}

async function accessPairs(store: GraphStore): Promise<Set<string>> {
  const rows = await store.run('export/access-index', {});
  return new Set(rows.map((r) => `${r.identityId}\u0000${r.entitlementId}`));
}

async function violationKeys(store: GraphStore, now: string): Promise<Set<string>> {
  const ev = await evaluateSod(store, now, { fresh: true });
  return new Set((ev?.violations ?? []).map((v) => `${v.ruleId}|${v.identityId}`));
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

describe('simulation = editing the source data and ingesting again (embedded store, end to end)', () => {
  it('gives the same access and separation-of-duties deltas on random enterprises and change sets', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb.chain((w) => fc.tuple(fc.constant(w), changesArb(w))), async ([world, changes]) => {
        const now = new Date();
        const nowIso = now.toISOString();
        const before = await ingested(world);
        const after = await ingested(applyToWorld(world, changes, nowIso));
        try {
          const sim = await new Simulator(before.store, { maxPathsPerGrant: 8 }).simulate(changes, null, now);
          const [was, will] = [await accessPairs(before.store), await accessPairs(after.store)];
          const lost = sim.deltas.flatMap((d) => d.lost.map((g) => `${d.identityId}\u0000${g.entitlementId}`)).sort();
          const gained = sim.deltas.flatMap((d) => d.gained.map((g) => `${d.identityId}\u0000${g.entitlementId}`)).sort();
          assert.deepEqual(lost, minus(was, will), 'lost grants');
          assert.deepEqual(gained, minus(will, was), 'gained grants');

          const [vWas, vWill] = [await violationKeys(before.store, nowIso), await violationKeys(after.store, nowIso)];
          const key = (v: { ruleId: string; identityId: string }) => `${v.ruleId}|${v.identityId}`;
          assert.deepEqual(sim.sodIntroduced.map(key).sort(), minus(vWill, vWas), 'SoD violations introduced');
          assert.deepEqual(sim.sodResolved.map(key).sort(), minus(vWas, vWill), 'SoD violations resolved');
          assert.equal(sim.outcomes.length, changes.length, 'one outcome per change');
        } finally {
          await before.close();
          await after.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
