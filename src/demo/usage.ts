/**
 * Usage events across 2026-01 .. 2026-10. Most rows are for (account, entitlement) pairs the
 * account actually holds over active edges; a few are for pairs it does not (revoked access).
 * Non-human accounts are busier and often reported pre-aggregated with a count.
 */
import { computeEffectiveAccess } from '../access/compute-access';
import type { DemoBuilder } from './builder';
import { ACTIVITY_FROM_MS, ACTIVITY_TO_MS, EXPORTED_AT_MS, iso, Rng } from './random';
import type { UsageRecord } from './types';

/**
 * Entitlements each enabled account holds through active grants and (nested) memberships, by the
 * same engine ingest uses: each account stands in as its own holder.
 */
export function effectiveByAccount(b: DemoBuilder): Map<string, string[]> {
  const { memberships, grants, accounts } = b.records;
  const edge = (from: string, to: string, expiresAt?: string) => ({ from, to, expiresAt: expiresAt ?? null });
  const granted = computeEffectiveAccess(
    {
      ownedAccounts: accounts.filter((a) => a.status === 'enabled').map((a) => ({ identityId: a.id, accountId: a.id })),
      accountMemberships: memberships.filter((m) => m.memberType === 'account').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      groupMemberships: memberships.filter((m) => m.memberType === 'group').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      accountGrants: grants.filter((g) => g.holderType === 'account').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      groupGrants: grants.filter((g) => g.holderType === 'group').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      delegations: [],
    },
    { now: iso(EXPORTED_AT_MS), maxPathsPerGrant: 1 },
  );
  const result = new Map<string, string[]>();
  for (const g of granted) result.set(g.identityId, [...(result.get(g.identityId) ?? []), g.entitlementId]);
  for (const list of result.values()) list.sort();
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
  // One push per row: spreading hundreds of thousands of rows as arguments overflows the call stack.
  for (const row of rows) b.records.usage.push(row);
}
