import { WhohasError } from '../errors';
import type { Change } from '../simulate/changes';
import type { Simulation, Simulator } from '../simulate/simulator';
import { canonicalJson, sha256 } from './canonical';
import type { DecisionLog } from './decision-log';
import type { DecisionEntry, DecisionTaken, Requester, SimulationEntry } from './records';

const violationKey = (v: { ruleId: string; identityId: string }) => `${v.ruleId}|${v.identityId}`;

/**
 * The digest an auditor can recompute: the graph version, each change's outcome, every identity's
 * lost and gained entitlement ids, and the separation-of-duties keys, canonically serialised.
 */
export function resultDigest(sim: Simulation): string {
  return sha256(
    canonicalJson({
      graphVersion: sim.graphVersion,
      outcomes: sim.outcomes.map((o) => ({ index: o.index, status: o.status })),
      deltas: sim.deltas.map((d) => ({ identityId: d.identityId, lost: d.lost.map((g) => g.entitlementId), gained: d.gained.map((g) => g.entitlementId) })),
      sodIntroduced: sim.sodIntroduced.map(violationKey).sort(),
      sodResolved: sim.sodResolved.map(violationKey).sort(),
    }),
  );
}

/**
 * Simulations and what their callers then did, recorded before the answer leaves: a simulation that
 * cannot be recorded is not answered.
 */
export class FlightRecorder {
  constructor(
    readonly simulator: Simulator,
    readonly log: DecisionLog,
  ) {}

  async simulate(changes: Change[], baseGraphVersion: string | null, requester: Requester, now: Date): Promise<Simulation> {
    if (requester.actingAs && !(await this.simulator.hasIdentity(requester.actingAs))) {
      throw new WhohasError('NOT_FOUND', `No identity '${requester.actingAs}' to act as`);
    }
    const sim = await this.simulator.simulate(changes, baseGraphVersion, now);
    const entry: Omit<SimulationEntry, 'seq' | 'at' | 'prev' | 'hash'> = {
      type: 'simulation',
      simulationId: sim.id,
      requester,
      graphVersion: sim.graphVersion,
      baseGraphVersion,
      changes: changes as Array<Record<string, unknown>>,
      outcomes: sim.outcomes.map((o) => ({ index: o.index, status: o.status })),
      affectedIdentityCount: sim.deltas.length,
      lostCount: sim.lostCount,
      gainedCount: sim.gainedCount,
      sodIntroduced: sim.sodIntroduced.map(violationKey).sort(),
      sodResolved: sim.sodResolved.map(violationKey).sort(),
      resultDigest: resultDigest(sim),
      touched: [...new Set([...sim.namedIdentityIds, ...sim.deltas.map((d) => d.identityId)])].sort(),
    };
    await this.log.append(entry, now);
    return sim;
  }

  async recordDecision(simulationId: string, decision: DecisionTaken, note: string | null, requester: Requester, now: Date): Promise<DecisionEntry> {
    if (!this.log.all().some((e) => e.type === 'simulation' && e.simulationId === simulationId)) {
      throw new WhohasError('NOT_FOUND', `No simulation '${simulationId}' in the decision log`);
    }
    if (requester.actingAs && !(await this.simulator.hasIdentity(requester.actingAs))) {
      throw new WhohasError('NOT_FOUND', `No identity '${requester.actingAs}' to act as`);
    }
    return this.log.append({ type: 'decision', simulationId, decision, note, requester }, now);
  }
}
