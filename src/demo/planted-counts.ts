/**
 * What the demo generator planted, counted straight from its records (not from the graph), in the
 * terms of the risk findings (src/risk/catalog.ts): unowned accounts (orphans.ts), leavers with
 * enabled accounts (account-factory.ts), dormant accounts, services and agents with no owner or a
 * departed one (services.ts, agents.ts), stale / never-rotated / non-expiring secrets (credentials.ts),
 * standing delegations (delegations.ts). The risk tests ingest the same records and expect exactly
 * these numbers, so the graph path (ingest, links, Cypher, findings) is checked against an
 * independent count.
 */
import { daysBefore, DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from '../risk/thresholds';
import { EXPORTED_AT } from './random';
import type { AccountRecord, DemoRecords, IdentityRecord } from './types';

export interface PlantedRiskCounts {
  identities: number;
  humans: number;
  services: number;
  agents: number;
  accounts: number;
  enabledAccounts: number;
  findings: {
    UNOWNED_ACCOUNT: number;
    TERMINATED_IDENTITY_ENABLED_ACCOUNT: number;
    DORMANT_ACCOUNT: number;
    NHI_WITHOUT_OWNER: number;
    NHI_OWNER_TERMINATED: number;
    CREDENTIAL_STALE: number;
    CREDENTIAL_NEVER_ROTATED: number;
    CREDENTIAL_NO_EXPIRY: number;
    DELEGATION_NO_EXPIRY: number;
  };
  /** Distinct terminated identities that still have an enabled account. */
  terminatedWithEnabledAccounts: number;
}

export function plantedRiskCounts(records: DemoRecords, now: string = EXPORTED_AT, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): PlantedRiskCounts {
  const byId = new Map(records.identities.map((i) => [i.id, i] as const));
  const byEmail = new Map(records.identities.filter((i) => i.email).map((i) => [i.email!.toLowerCase(), i] as const));
  const ownerOf = (a: AccountRecord): IdentityRecord | undefined =>
    a.identityId ? byId.get(a.identityId) : a.identityEmail ? byEmail.get(a.identityEmail.toLowerCase()) : undefined;
  const accountById = new Map(records.accounts.map((a) => [a.id, a] as const));
  const iso = (s: string | undefined) => (s ? new Date(s).toISOString() : undefined);
  const dormantBefore = daysBefore(now, t.dormantAccountDays);
  const staleBefore = daysBefore(now, t.credentialMaxAgeDays);
  const graceBefore = daysBefore(now, t.credentialRotationGraceDays);

  const f = { UNOWNED_ACCOUNT: 0, TERMINATED_IDENTITY_ENABLED_ACCOUNT: 0, DORMANT_ACCOUNT: 0, NHI_WITHOUT_OWNER: 0, NHI_OWNER_TERMINATED: 0,
    CREDENTIAL_STALE: 0, CREDENTIAL_NEVER_ROTATED: 0, CREDENTIAL_NO_EXPIRY: 0, DELEGATION_NO_EXPIRY: 0 };
  const leavers = new Set<string>();
  for (const a of records.accounts) {
    if (a.status !== 'enabled') continue;
    const owner = ownerOf(a);
    if (!owner) f.UNOWNED_ACCOUNT++;
    else if (owner.status === 'terminated') {
      f.TERMINATED_IDENTITY_ENABLED_ACCOUNT++;
      leavers.add(owner.id);
    } else {
      const login = iso(a.lastLoginAt);
      if (login ? login < dormantBefore : (iso(a.createdAt) ?? '9') < dormantBefore) f.DORMANT_ACCOUNT++;
    }
  }
  for (const n of records.identities) {
    if (n.kind === 'human' || n.status === 'terminated') continue;
    const owner = n.ownerId ? byId.get(n.ownerId) : undefined;
    if (!owner) f.NHI_WITHOUT_OWNER++;
    else if (owner.status === 'terminated') f.NHI_OWNER_TERMINATED++;
  }
  for (const c of records.credentials) {
    const expires = iso(c.expiresAt);
    if (expires && expires <= now) continue;
    const account = c.holderType === 'account' ? accountById.get(c.holderId) : undefined;
    const holder = c.holderType === 'identity' ? byId.get(c.holderId) : account ? ownerOf(account) : undefined;
    if (holder?.kind === 'human' || (c.holderType === 'account' && !account)) continue;
    const rotated = iso(c.lastRotatedAt);
    const created = iso(c.createdAt);
    const lastChange = rotated ?? created;
    if (lastChange && lastChange < staleBefore) f.CREDENTIAL_STALE++;
    if (!rotated && created && created < graceBefore) f.CREDENTIAL_NEVER_ROTATED++;
    if (!expires) f.CREDENTIAL_NO_EXPIRY++;
  }
  for (const d of records.delegations) if (!d.expiresAt) f.DELEGATION_NO_EXPIRY++;

  const kinds = (k: string) => records.identities.filter((i) => i.kind === k).length;
  return {
    identities: records.identities.length,
    humans: kinds('human'),
    services: kinds('service'),
    agents: kinds('agent'),
    accounts: records.accounts.length,
    enabledAccounts: records.accounts.filter((a) => a.status === 'enabled').length,
    findings: f,
    terminatedWithEnabledAccounts: leavers.size,
  };
}
