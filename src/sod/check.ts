import type { StoredHop, StoredPath } from '../access/path';
import { evidenceHolders, violationFor, type AccessMap, type Violation } from './evaluate';
import type { SodEvaluation } from './sod-service';

export interface SodCheckResult {
  introduced: Violation[];
  existing: Violation[];
  /** Identities whose violations were looked at: the grantee, its controllers and its delegates. */
  affected: string[];
}

/**
 * Would granting `add` to `identityId` create violations? The grant flows as the spec says: to the
 * identity itself, on through its delegations where their scope allows (each hop narrowing), and into
 * the reach of everyone who controls any of those. Nothing is written.
 */
export async function checkGrant(ev: SodEvaluation, identityId: string, add: string[], nowIso: string): Promise<SodCheckResult> {
  const receivers = flowOf(ev, identityId, add);
  const affected = new Set<string>(receivers.keys());
  for (const r of [...receivers.keys()]) for (const c of ev.control.controllersOf(r)) affected.add(c);
  const hypothetical: AccessMap = new Map(await ev.accessFor(evidenceHolders(affected, ev.control), nowIso));
  for (const [holder, grants] of receivers) {
    const held = new Map(hypothetical.get(holder) ?? []);
    for (const [e, path] of grants) held.set(e, [...(held.get(e) ?? []), path]);
    hypothetical.set(holder, held);
  }

  const key = (v: Violation) => `${v.ruleId}|${v.identityId}`;
  const before = new Map(ev.violations.filter((v) => affected.has(v.identityId)).map((v) => [key(v), v]));
  const introduced: Violation[] = [];
  for (const id of [...affected].sort()) {
    for (const rule of ev.rules) {
      if (!rule.left.size || !rule.right.size) continue;
      const after = violationFor(rule, id, hypothetical, ev.control, nowIso);
      if (after && !before.has(key(after))) introduced.push(after);
    }
  }
  return { introduced, existing: [...before.values()], affected: [...affected].sort() };
}

/** Who would hold which new entitlement, with the path that would justify it. */
function flowOf(ev: SodEvaluation, identityId: string, add: string[]): Map<string, Map<string, StoredPath>> {
  const out = new Map<string, Map<string, StoredPath>>();
  const requested = (e: string): StoredPath => [{ k: 'identity', id: identityId }, { k: 'entitlement', id: e, e: 'GRANTS' }];
  const visit = (holder: string, e: string, path: StoredPath, seen: Set<string>) => {
    let m = out.get(holder);
    if (!m) out.set(holder, (m = new Map()));
    if (!m.has(e)) m.set(e, path);
    for (const d of ev.control.delegatesOf(holder)) {
      if (seen.has(d.to) || !(d.scope.includes('*') || d.scope.includes(e))) continue;
      const hop: StoredHop = { k: 'identity', id: holder, e: 'DELEGATES_TO', ...(d.expiresAt ? { x: d.expiresAt } : {}) };
      visit(d.to, e, [{ k: 'identity', id: d.to }, hop, ...path.slice(1)], new Set([...seen, d.to]));
    }
  };
  for (const e of add) visit(identityId, e, requested(e), new Set([identityId]));
  return out;
}
