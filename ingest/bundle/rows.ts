import type { AccountRecord, CredentialRecord, EntitlementRecord, GrantRecord, GroupRecord, IdentityRecord, MembershipRecord, SystemRecord, UsageRecord } from './records';

/**
 * How bundle records become stored rows, shared by the load into the live graph (load.ts) and the
 * rebuild of a new generation (generation/), so both store exactly the same values.
 */

/** Every row carries every key: Kuzu infers one struct type per list, and Neo4j should not keep stale values. */
export function full<T extends object>(keys: readonly string[], rec: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (rec as Record<string, unknown>)[k] ?? null;
  return out;
}

export const identityRow = (r: IdentityRecord) => ({
  ...full(['id', 'kind', 'displayName', 'email', 'department', 'title', 'managerId', 'status', 'ownerId', 'purpose', 'createdAt', 'terminatedAt'], r),
  emailLower: r.email?.toLowerCase() ?? null,
  attributes: r.attributes ? JSON.stringify(r.attributes) : null,
  searchText: [r.id, r.displayName, r.email, r.department, r.title].filter(Boolean).join(' ').toLowerCase(),
});

export const systemRow = (r: SystemRecord) => full(['id', 'name', 'criticality', 'ownerId'], r);

/** An account named by email only gets the identity that email belongs to, if one is known. */
export function accountRow(r: AccountRecord, emailIndex: Map<string, string>) {
  const email = r.identityEmail?.toLowerCase() ?? null;
  return {
    ...full(['id', 'systemId', 'username', 'status', 'createdAt', 'lastLoginAt'], r),
    identityEmail: email,
    identityId: r.identityId ?? (email ? (emailIndex.get(email) ?? null) : null),
  };
}

export const groupRow = (r: GroupRecord) => full(['id', 'systemId', 'name', 'kind', 'description'], r);

// Absent `privileged` means not privileged; never null, since Kuzu types a list's struct field from
// its first row and a null there would make the column STRING for the whole batch.
export const entitlementRow = (r: EntitlementRecord) => ({ ...full(['id', 'systemId', 'name', 'kind', 'sensitivity', 'description'], r), privileged: r.privileged ?? false });

export const membershipRow = (m: MembershipRecord) => full(['memberId', 'groupId', 'grantedAt', 'expiresAt'], m);
export const grantRow = (g: GrantRecord) => full(['holderId', 'entitlementId', 'grantedAt', 'expiresAt'], g);
export const credentialRow = (c: CredentialRecord) =>
  full(['id', 'holderId', 'holderType', 'type', 'createdAt', 'expiresAt', 'lastRotatedAt', 'lastUsedAt'], c);

export interface UsagePair {
  accountId: string;
  entitlementId: string;
  events: Array<{ at: string; count: number }>;
}

export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

export function usagePairs(usage: UsageRecord[]): UsagePair[] {
  const pairs = new Map<string, UsagePair>();
  for (const u of usage) {
    const key = pairKey(u.accountId, u.entitlementId);
    let agg = pairs.get(key);
    if (!agg) pairs.set(key, (agg = { accountId: u.accountId, entitlementId: u.entitlementId, events: [] }));
    agg.events.push({ at: u.at, count: u.count });
  }
  return [...pairs.values()];
}

export interface StoredUsage {
  lastUsedAt: string;
  count: number;
}

/**
 * Usage events fold into (last used, count) per account and entitlement. Counts only grow by events
 * newer than what the graph already holds, so the same events ingested twice count once.
 */
export function usageRow(p: UsagePair, prior: StoredUsage | undefined) {
  const fresh = prior ? p.events.filter((e) => e.at > prior.lastUsedAt) : p.events;
  const last = p.events.reduce((m, e) => (e.at > m ? e.at : m), prior?.lastUsedAt ?? '');
  return {
    accountId: p.accountId,
    entitlementId: p.entitlementId,
    lastUsedAt: last,
    count: (prior?.count ?? 0) + fresh.reduce((n, e) => n + e.count, 0),
  };
}
