import type { ComputedGrant } from '../../src/access/compute-access';
import type { AccessDelta as Delta } from '../../src/simulate/deltas';
import type { Simulation } from '../../src/simulate/simulator';
import type { AccessGrant } from '../types/access.type';
import type { AccessDelta, SimulationResult } from '../types/simulation.type';
import { toRule, toViolation } from './sod-views';

function toGrant(g: ComputedGrant, usage: UsageLookup): AccessGrant {
  const used = usage(g.identityId, g.entitlementId);
  return { viaDelegation: g.viaDelegation, lastUsedAt: used.lastUsedAt, useCount: used.useCount, identityId: g.identityId, entitlementId: g.entitlementId, storedPaths: g.paths };
}

export type UsageLookup = (identityId: string, entitlementId: string) => { lastUsedAt: string | null; useCount: number };

export function toDelta(d: Delta, usage: UsageLookup): AccessDelta {
  return { identityId: d.identityId, lost: d.lost.map((g) => toGrant(g, usage)), gained: d.gained.map((g) => toGrant(g, usage)) };
}

export function toSimulationResult(sim: Simulation): SimulationResult {
  const rules = new Map(sim.sodRules.map((r) => [r.rule.id, toRule(r)]));
  return {
    id: sim.id,
    graphVersion: sim.graphVersion,
    simulatedAt: sim.simulatedAt,
    affectedIdentityCount: sim.deltas.length,
    lostCount: sim.lostCount,
    gainedCount: sim.gainedCount,
    complete: sim.outcomes.every((o) => o.status === 'APPLIED'),
    changes: sim.outcomes,
    sodRuleSetVersion: sim.sodRuleSetVersion,
    sodIntroduced: sim.sodIntroduced.map((v) => toViolation(v, rules)),
    sodResolved: sim.sodResolved.map((v) => toViolation(v, rules)),
    summary: sim.summary,
    simulation: sim,
  };
}
