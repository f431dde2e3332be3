import type { DelegationEdge } from '../access/topology';
import { ControlGraph } from '../sod/control';
import { evidenceHolders, violationFor, type AccessMap, type Violation } from '../sod/evaluate';
import type { SodEvaluation } from '../sod/sod-service';
import type { ListSource } from './access-model';
import type { AccessDelta } from './deltas';

export interface SodDeltas {
  introduced: Violation[];
  resolved: Violation[];
}

/**
 * Violations the changes would introduce and resolve. Only identities whose answer can move are
 * evaluated: those whose access to a rule's entitlement changes, those whose delegations change,
 * and everyone who controls one of them (reach goes up the control chains), before and after.
 */
export async function sodDeltas(ev: SodEvaluation, deltas: AccessDelta[], after: ListSource, editedDelegations: Set<string>, now: string): Promise<SodDeltas> {
  const ruleEntitlements = new Set(ev.rules.flatMap((r) => [...r.left, ...r.right]));
  const changedEntitlements = new Set<string>();
  const moved = new Map<string, AccessDelta[]>();
  for (const d of deltas) {
    const lost = d.lost.filter((g) => ruleEntitlements.has(g.entitlementId));
    const gained = d.gained.filter((g) => ruleEntitlements.has(g.entitlementId));
    if (!lost.length && !gained.length) continue;
    const changes = moved.get(d.identityId);
    if (changes) changes.push({ ...d, lost, gained });
    else moved.set(d.identityId, [{ ...d, lost, gained }]);
    for (const g of [...lost, ...gained]) changedEntitlements.add(g.entitlementId);
  }
  const control = editedDelegations.size ? controlAfter(ev.control, after, editedDelegations, now) : ev.control;
  for (const pair of editedDelegations) {
    const delegator = pair.split('\u0000')[0];
    if (!moved.has(delegator)) moved.set(delegator, []);
  }
  if (!moved.size) return { introduced: [], resolved: [] };

  const check = new Set(moved.keys());
  for (const graph of new Set([ev.control, control])) {
    for (const c of graph.controllers()) {
      for (const j of graph.reach(c).keys()) if (moved.has(j)) check.add(c);
    }
  }
  // The evidence before and after: everyone checked and everyone they control, in either control graph.
  const before = await ev.accessFor(new Set([...evidenceHolders(check, ev.control), ...evidenceHolders(check, control)]), now);
  const access: AccessMap = new Map(before);
  for (const [identityId, changes] of moved) {
    if (!changes.length) continue;
    const held = new Map(access.get(identityId) ?? []);
    for (const d of changes) {
      for (const g of d.lost) held.delete(g.entitlementId);
      for (const g of d.gained) held.set(g.entitlementId, g.paths);
    }
    access.set(identityId, held);
  }
  const rules = ev.rules.filter(
    (r) => r.left.size && r.right.size && (editedDelegations.size || [...r.left, ...r.right].some((e) => changedEntitlements.has(e))),
  );
  const key = (v: Violation) => `${v.ruleId}|${v.identityId}`;
  const beforeViolations = new Map<string, Violation>();
  const afterViolations = new Map<string, Violation>();
  for (const id of [...check].sort()) {
    for (const rule of rules) {
      const was = violationFor(rule, id, before, ev.control, now);
      if (was) beforeViolations.set(key(was), was);
      const will = violationFor(rule, id, access, control, now);
      if (will) afterViolations.set(key(will), will);
    }
  }
  return {
    introduced: [...afterViolations].filter(([k]) => !beforeViolations.has(k)).map(([, v]) => v),
    resolved: [...beforeViolations].filter(([k]) => !afterViolations.has(k)).map(([, v]) => v),
  };
}

/** The control graph with the simulation's delegation edits: ownership stays, edited pairs take their new form. */
function controlAfter(before: ControlGraph, after: ListSource, edited: Set<string>, now: string): ControlGraph {
  const kept = before.edges().filter((e) => e.via !== 'DELEGATES_TO' || !edited.has(`${e.from}\u0000${e.to}`));
  const changed = [...edited].flatMap((pair) => {
    const [from, to] = pair.split('\u0000');
    const edge = after.list(`do|${from}`).find((e) => e.to === to) as DelegationEdge | undefined;
    return edge ? [{ from, to, via: 'DELEGATES_TO' as const, expiresAt: edge.expiresAt, scope: edge.scope }] : [];
  });
  return new ControlGraph([...kept, ...changed], now);
}
