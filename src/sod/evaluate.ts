import type { StoredHop, StoredPath } from '../access/path';
import type { ControlGraph } from './control';
import type { Mitigation } from './rules';
import type { ResolvedRule } from './selectors';

/** Effective access that is active now: identity -> entitlement -> the paths that justify it. */
export type AccessMap = Map<string, Map<string, StoredPath[]>>;

/** Who holds which rule entitlements now, without the paths: enough to find violations, not to show them. */
export type HeldMap = Map<string, Set<string>>;

export type ViolationKind = 'DIRECT' | 'REACH';

/** One entitlement on one side of a violation, and how the identity gets it. */
export interface SideHolding {
  entitlementId: string;
  /** Who holds it: the identity itself, or an identity it controls. */
  holderId: string;
  /** Hops from the identity to the holder (empty when the identity holds it itself). */
  controlChain: StoredHop[];
  paths: StoredPath[];
}

export interface Violation {
  ruleId: string;
  identityId: string;
  kind: ViolationKind;
  left: SideHolding[];
  right: SideHolding[];
  /** The mitigation in force, if any (an expired one does not count, and is reported separately). */
  mitigation: Mitigation | null;
  expiredMitigation: Mitigation | null;
}

const MAX_HOLDINGS_PER_SIDE = 10;

/** Every identity that holds both sides of a rule, itself (DIRECT) or through those it controls (REACH). */
export function findViolations(rules: ResolvedRule[], access: AccessMap, control: ControlGraph, nowIso: string): Violation[] {
  return violationsOf(violationCandidates(rules, heldOf(access), control), access, control, nowIso);
}

export function heldOf(access: AccessMap): HeldMap {
  return new Map([...access].map(([identity, held]) => [identity, new Set(held.keys())]));
}

export interface ViolationCandidate {
  rule: ResolvedRule;
  identityId: string;
}

/**
 * The (rule, identity) pairs that may violate, from holdings alone: those holding both sides and
 * those reaching both through whom they control. In rule order, identities sorted within a rule.
 */
export function violationCandidates(rules: ResolvedRule[], held: HeldMap, control: ControlGraph): ViolationCandidate[] {
  const out: ViolationCandidate[] = [];
  // Inverted once: a full scan of many rules must not walk every identity per rule.
  const byEntitlement = new Map<string, string[]>();
  for (const [identity, entitlements] of held) {
    for (const e of entitlements) {
      const list = byEntitlement.get(e);
      if (list) list.push(identity);
      else byEntitlement.set(e, [identity]);
    }
  }
  const holdersOf = (side: Set<string>) => new Set([...side].flatMap((e) => byEntitlement.get(e) ?? []));
  for (const r of rules) {
    if (!r.left.size || !r.right.size) continue;
    const leftHolders = holdersOf(r.left);
    const rightHolders = holdersOf(r.right);
    const candidates = new Set([...leftHolders].filter((id) => rightHolders.has(id)));
    for (const controller of control.controllers()) {
      const reached = control.reach(controller);
      const reaches = (holders: Set<string>) => holders.has(controller) || [...reached.keys()].some((j) => holders.has(j));
      if (reaches(leftHolders) && reaches(rightHolders)) candidates.add(controller);
    }
    for (const identityId of [...candidates].sort()) out.push({ rule: r, identityId });
  }
  return out;
}

/** Whose paths the violations of these identities can cite: each identity and everyone it controls. */
export function evidenceHolders(identityIds: Iterable<string>, control: ControlGraph): Set<string> {
  const out = new Set<string>();
  for (const id of identityIds) {
    out.add(id);
    for (const j of control.reach(id).keys()) out.add(j);
  }
  return out;
}

/** The candidates that do violate, with their evidence; `access` must hold the paths of their evidenceHolders. */
export function violationsOf(candidates: ViolationCandidate[], access: AccessMap, control: ControlGraph, nowIso: string): Violation[] {
  return candidates.flatMap(({ rule, identityId }) => violationFor(rule, identityId, access, control, nowIso) ?? []);
}

/** The violation of one rule by one identity, or null when it does not hold both sides. */
export function violationFor(r: ResolvedRule, identityId: string, access: AccessMap, control: ControlGraph, nowIso: string): Violation | null {
  const own = (side: Set<string>) => holdings(side, identityId, [], access);
  let left = own(r.left);
  let right = own(r.right);
  let kind: ViolationKind = 'DIRECT';
  if (!left.length || !right.length) {
    const reached = control.reach(identityId);
    const viaControl = (side: Set<string>) => [...reached].flatMap(([j, chain]) => holdings(side, j, chain, access));
    // Reach adds what controlled identities hold; a side held directly keeps its direct evidence.
    if (!left.length) left = viaControl(r.left);
    if (!right.length) right = viaControl(r.right);
    if (!left.length || !right.length) return null;
    kind = 'REACH';
  }
  const mine = r.rule.mitigations.filter((m) => m.identity === identityId);
  const active = mine.find((m) => !m.expiry || m.expiry > nowIso) ?? null;
  const expired = active ? null : (mine.find((m) => m.expiry && m.expiry <= nowIso) ?? null);
  return {
    ruleId: r.rule.id,
    identityId,
    kind,
    left: left.slice(0, MAX_HOLDINGS_PER_SIDE),
    right: right.slice(0, MAX_HOLDINGS_PER_SIDE),
    mitigation: active,
    expiredMitigation: expired,
  };
}

function holdings(side: Set<string>, holderId: string, chain: StoredHop[], access: AccessMap): SideHolding[] {
  const held = access.get(holderId);
  if (!held) return [];
  const out: SideHolding[] = [];
  for (const e of [...side].sort()) {
    const paths = held.get(e);
    if (paths?.length) out.push({ entitlementId: e, holderId, controlChain: chain, paths });
  }
  return out;
}

/** The whole path from the violating identity to the entitlement: control chain, then the holder's path. */
export function fullPath(h: SideHolding, path: StoredPath): StoredPath {
  return h.controlChain.length ? [...h.controlChain, ...path.slice(1)] : path;
}
