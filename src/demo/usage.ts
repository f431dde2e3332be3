/**
 * Usage events across 2026-01 .. 2026-10. Most rows are for (account, entitlement) pairs the
 * account actually holds over active edges; a few are for pairs it does not (revoked access).
 * Non-human accounts are busier and often reported pre-aggregated with a count.
 */
import type { DemoBuilder } from './builder';
import { ACTIVITY_FROM_MS, ACTIVITY_TO_MS, EXPORTED_AT_MS, iso, Rng } from './random';
import type { UsageRecord } from './types';

const isActiveEdge = (e: { expiresAt?: string }) => e.expiresAt === undefined || Date.parse(e.expiresAt) > EXPORTED_AT_MS;

/** Entitlements each enabled account holds through active grants and (nested) memberships. */
export function effectiveByAccount(b: DemoBuilder): Map<string, string[]> {
  const { memberships, grants, accounts } = b.records;
  const parents = new Map<string, string[]>();
  const accountGroups = new Map<string, string[]>();
  for (const m of memberships) {
    if (!isActiveEdge(m)) continue;
    const map = m.memberType === 'group' ? parents : accountGroups;
    const list = map.get(m.memberId);
    if (list) list.push(m.groupId);
    else map.set(m.memberId, [m.groupId]);
  }
  const held = new Map<string, string[]>();
  for (const g of grants) {
    if (!isActiveEdge(g)) continue;
    const list = held.get(g.holderId);
    if (list) list.push(g.entitlementId);
    else held.set(g.holderId, [g.entitlementId]);
  }
  const groupCache = new Map<string, string[]>();
  const groupEnts = (start: string): string[] => {
    const hit = groupCache.get(start);
    if (hit) return hit;
    const seen = new Set<string>();
    const out = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const g = stack.pop() as string;
      if (seen.has(g)) continue;
      seen.add(g);
      for (const e of held.get(g) ?? []) out.add(e);
      for (const p of parents.get(g) ?? []) stack.push(p);
    }
    const list = [...out].sort();
    groupCache.set(start, list);
    return list;
  };
  const result = new Map<string, string[]>();
  for (const a of accounts) {
    if (a.status !== 'enabled') continue;
    const out = new Set<string>(held.get(a.id) ?? []);
    for (const g of accountGroups.get(a.id) ?? []) for (const e of groupEnts(g)) out.add(e);
    if (out.size > 0) result.set(a.id, [...out].sort());
  }
  return result;
}

export function buildUsage(b: DemoBuilder, rng: Rng, target: number): void {
  const effective = effectiveByAccount(b);
  const bySystem = new Map<string, string[]>();
  for (const e of b.records.entitlements) bySystem.set(e.systemId, [...(bySystem.get(e.systemId) ?? []), e.id]);

  const eligible: { id: string; systemId: string; fromMs: number; nhi: boolean; ents: string[] }[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const a of b.records.accounts) {
    const ents = effective.get(a.id);
    if (!ents) continue;
    const owner = a.identityId ? b.getIdentity(a.identityId) : undefined;
    const nhi = !a.identityEmail && owner?.kind !== 'human';
    const fromMs = Math.max(ACTIVITY_FROM_MS, a.createdAt ? Date.parse(a.createdAt) : 0);
    if (fromMs >= ACTIVITY_TO_MS) continue;
    eligible.push({ id: a.id, systemId: a.systemId, fromMs, nhi, ents });
    total += nhi ? 8 : 1;
    cumulative.push(total);
  }
  const pickAccount = () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return eligible[lo];
  };

  const rows: UsageRecord[] = [];
  for (let i = 0; i < target && eligible.length > 0; i++) {
    const a = pickAccount();
    let entitlementId: string;
    if (rng.chance(0.03)) {
      // Activity on something the account no longer holds (revoked or expired access).
      entitlementId = rng.pick(bySystem.get(a.systemId) ?? a.ents);
    } else {
      entitlementId = rng.pick(a.ents);
      // Privileged rights are exercised less often than everyday ones.
      if (b.getEntitlement(entitlementId)?.privileged && rng.chance(0.6)) entitlementId = rng.pick(a.ents);
    }
    const at = iso(rng.msBetween(a.fromMs, ACTIVITY_TO_MS));
    const aggregated = rng.chance(a.nhi ? 0.6 : 0.08);
    const row: UsageRecord = { accountId: a.id, entitlementId, at };
    if (aggregated) row.count = a.nhi ? rng.int(2, 500) : rng.int(2, 40);
    rows.push(row);
  }
  rows.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : x.entitlementId < y.entitlementId ? -1 : x.entitlementId > y.entitlementId ? 1 : 0));
  b.records.usage.push(...rows);
}
