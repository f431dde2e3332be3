import type { ComputedGrant } from '../../src/access/compute-access';
import type { AccessDelta as Delta } from '../../src/simulate/deltas';
import type { Change } from '../../src/simulate/changes';
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
    changes: sim.outcomes.map((o) => ({ ...o, subjectIds: subjectIdsOf(sim.changes[o.index]) })),
    sodRuleSetVersion: sim.sodRuleSetVersion,
    sodIntroduced: sim.sodIntroduced.map((v) => toViolation(v, rules)),
    sodResolved: sim.sodResolved.map((v) => toViolation(v, rules)),
    summary: sim.summary,
    simulation: sim,
  };
}

/** The ids a change names, so a client can draw the edge it removes or adds (the console's access picture). */
function subjectIdsOf(c: Change | undefined): string[] {
  if (!c) return [];
  switch (c.op) {
    case 'ADD_MEMBERSHIP':
    case 'REMOVE_MEMBERSHIP':
      return [c.memberId, c.groupId];
    case 'ADD_GRANT':
    case 'REMOVE_GRANT':
      return [c.holderId, c.entitlementId];
    case 'DISABLE_ACCOUNT':
    case 'ENABLE_ACCOUNT':
      return [c.accountId];
    case 'ADD_DELEGATION':
    case 'REVOKE_DELEGATION':
      return [c.fromId, c.toId];
    case 'TERMINATE_IDENTITY':
      return [c.identityId];
  }
}
