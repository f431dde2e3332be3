import { z } from 'zod';

/** Row shapes of the cypher/risk queries, checked like every other read (zod at the boundary). */
const opt = z.string().nullable().optional().transform((v) => v ?? null);
const kind = z.enum(['human', 'service', 'agent']);

export const RiskIdentityRow = z.object({
  id: z.string(),
  kind,
  displayName: z.string(),
  status: z.enum(['active', 'suspended', 'terminated']),
  department: opt,
  ownerId: opt,
  terminatedAt: opt,
});

export const RiskSystemRow = z.object({ id: z.string(), name: z.string(), criticality: opt });

export const AccountsOfOwnerRow = z.object({
  identityId: opt,
  accounts: z.array(z.object({ systemId: z.string(), status: z.enum(['enabled', 'disabled']) })),
});

/** Accounts of one owner (null: nobody) on one system with one status. */
export interface AccountCount {
  identityId: string | null;
  systemId: string;
  status: 'enabled' | 'disabled';
  accounts: number;
}

export const UnownedAccountRow = z.object({ accountId: z.string(), systemId: z.string(), username: opt, lastLoginAt: opt });

export const TerminatedAccountRow = z.object({
  identityId: z.string(),
  terminatedAt: opt,
  accountId: z.string(),
  systemId: z.string(),
  lastLoginAt: opt,
});

export const DormantAccountRow = z.object({ identityId: z.string(), accountId: z.string(), systemId: z.string(), lastLoginAt: opt, createdAt: opt });

export const AccessPairsRow = z.object({
  identityId: z.string(),
  held: z.array(
    z.object({
      entitlementId: z.string(),
      activeUntil: opt,
      lastUsedAt: opt,
      viaDelegation: z.boolean().nullable().optional().transform((v) => v ?? false),
    }),
  ),
});

export const SystemIdRow = z.object({ systemId: opt });

export const CredentialRow = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: opt,
  expiresAt: opt,
  lastRotatedAt: opt,
  holderIdentityId: opt,
  holderIdentityKind: kind.nullable().optional().transform((v) => v ?? null),
  holderAccountId: opt,
  systemId: opt,
  accountOwnerId: opt,
  accountOwnerKind: kind.nullable().optional().transform((v) => v ?? null),
});

export const RiskDelegationRow = z.object({
  fromId: z.string(),
  toId: z.string(),
  scope: z.array(z.string()).nullable().optional().transform((v) => v ?? ['*']),
  grantedAt: opt,
  expiresAt: opt,
});

export type CredentialRowT = z.infer<typeof CredentialRow>;
export type DelegationRowT = z.infer<typeof RiskDelegationRow>;
export type UnownedAccountRowT = z.infer<typeof UnownedAccountRow>;
export type TerminatedAccountRowT = z.infer<typeof TerminatedAccountRow>;
export type DormantAccountRowT = z.infer<typeof DormantAccountRow>;
