import type { AccountRecord, CredentialRecord, EntitlementRecord, GrantRecord, GroupRecord, IdentityRecord, MembershipRecord, SystemRecord } from './records';

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

export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;
