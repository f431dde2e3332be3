import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeEffectiveAccess } from '../../src/access/compute-access';
import { reachOf } from '../../src/simulate/affected';
import { applyChange, emptySeeds } from '../../src/simulate/apply-change';
import type { Change } from '../../src/simulate/changes';
import { accessDeltas } from '../../src/simulate/deltas';
import { WhatIfGraph } from '../../src/simulate/what-if';
import { accessInputOf, applyToWorld, changesArb, modelOf, worldArb, type World } from '../helpers/sim-world';

const NOW = '2026-11-23T00:00:00.000Z';

/** identity -> "lost e" / "gained e" lines, from two full computations (no incremental shortcuts). */
function expectedDiff(before: World, after: World, maxPathsPerGrant: number): Map<string, string[]> {
  const pairs = (w: World) => new Set(computeEffectiveAccess(accessInputOf(w), { now: NOW, maxPathsPerGrant }).map((g) => `${g.identityId}\u0000${g.entitlementId}`));
  const [was, will] = [pairs(before), pairs(after)];
  const out = new Map<string, string[]>();
  const add = (key: string, what: string) => {
    const [id, e] = key.split('\u0000');
    out.set(id, [...(out.get(id) ?? []), `${what} ${e}`].sort());
  };
  for (const k of was) if (!will.has(k)) add(k, 'lost');
  for (const k of will) if (!was.has(k)) add(k, 'gained');
  return out;
}

function simulated(w: World, changes: Change[], maxPathsPerGrant: number): Map<string, string[]> {
  const model = modelOf(w);
  const whatIf = new WhatIfGraph(model);
  const seeds = emptySeeds();
  changes.forEach((c, i) => applyChange(whatIf, model.facts, c, i, NOW, seeds));
  const deltas = accessDeltas(model, whatIf, reachOf(model, whatIf, model.facts, seeds), { now: NOW, maxPathsPerGrant });
  return new Map(deltas.map((d) => [d.identityId, [...d.lost.map((g) => `lost ${g.entitlementId}`), ...d.gained.map((g) => `gained ${g.entitlementId}`)].sort()]));
}

const sorted = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

describe('simulation = recomputing the whole graph after editing the source (pure, no database)', () => {
  for (const limit of [1, 8]) {
    it(`agrees on random enterprises and change sets (maxPathsPerGrant ${limit})`, () => {
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), changesArb(w))),
          ([world, changes]) => {
            assert.deepEqual(sorted(simulated(world, changes, limit)), sorted(expectedDiff(world, applyToWorld(world, changes, NOW), limit)));
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});
