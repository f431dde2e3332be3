import type { ZodType } from 'zod';
import { EventLoopTurns } from '../event-loop-turns';
import { readGraphVersion } from '../graph-version';
import { IDENTITIES_PER_PAGE, identityRanges } from '../read/identity-ranges';
import { parseRow, parseRows } from '../read/rows';
import { readCatalog } from '../sod/sod-data';
import type { EntitlementFacts } from '../sod/selectors';
import type { QueryRunner } from '../store/port';
import type { IdentityFacts } from './finding';
import { heldList, type HeldList } from './held-access';
import {
  AccessPairsRow, AccountsOfOwnerRow, CredentialRow, DormantAccountRow, RiskDelegationRow, RiskIdentityRow, RiskSystemRow, SystemIdRow,
  TerminatedAccountRow, UnownedAccountRow,
  type AccountCount, type CredentialRowT, type DelegationRowT, type DormantAccountRowT, type TerminatedAccountRowT, type UnownedAccountRowT,
} from './risk-rows';
import { daysBefore, type RiskThresholds } from './thresholds';

/** Everything the risk findings and metrics are computed from, read in one consistent unit of work. */
export interface RiskData {
  graphVersion: string;
  now: string;
  identities: Map<string, IdentityFacts>;
  systems: Map<string, { name: string; criticality: string | null }>;
  entitlements: Map<string, EntitlementFacts>;
  accountCounts: AccountCount[];
  unownedAccounts: UnownedAccountRowT[];
  terminatedAccounts: TerminatedAccountRowT[];
  dormantAccounts: DormantAccountRowT[];
  /** The active pairs of the effective-access index by identity (paths left out: findings need the facts, not the proof). */
  access: Map<string, HeldList>;
  systemsWithUsage: Set<string>;
  credentials: CredentialRowT[];
  delegations: DelegationRowT[];
}

const STATUS = { enabled: 'enabled', terminated: 'terminated' } as const;

async function rows<T>(tx: QueryRunner, schema: ZodType<T>, name: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return parseRows(schema, await tx.run(name, params), name);
}

export async function readRiskData(tx: QueryRunner, now: string, t: RiskThresholds, pageSize = IDENTITIES_PER_PAGE): Promise<RiskData> {
  const graphVersion = await readGraphVersion(tx);
  const identities = new Map((await rows(tx, RiskIdentityRow, 'risk/identities')).map((r) => [r.id, r] as const));
  const systems = new Map((await rows(tx, RiskSystemRow, 'risk/systems')).map((r) => [r.id, r] as const));
  const entitlements = new Map((await readCatalog(tx)).map((e) => [e.id, e] as const));
  const access = await readAccess(tx, entitlements, now, pageSize);
  return {
    graphVersion,
    now,
    identities,
    systems,
    entitlements,
    accountCounts: countAccounts(await rows(tx, AccountsOfOwnerRow, 'risk/account-counts')),
    unownedAccounts: await rows(tx, UnownedAccountRow, 'risk/unowned-accounts', { enabled: STATUS.enabled }),
    terminatedAccounts: await rows(tx, TerminatedAccountRow, 'risk/terminated-enabled-accounts', STATUS),
    dormantAccounts: await rows(tx, DormantAccountRow, 'risk/dormant-accounts', { ...STATUS, cutoff: daysBefore(now, t.dormantAccountDays) }),
    access,
    systemsWithUsage: new Set((await rows(tx, SystemIdRow, 'risk/systems-with-usage')).flatMap((r) => (r.systemId ? [r.systemId] : []))),
    credentials: await rows(tx, CredentialRow, 'risk/credentials'),
    delegations: await rows(tx, RiskDelegationRow, 'risk/delegations'),
  };
}

/** The active pairs by identity, a page of identities at a time. */
async function readAccess(tx: QueryRunner, entitlements: Map<string, EntitlementFacts>, now: string, pageSize: number): Promise<Map<string, HeldList>> {
  const access = new Map<string, HeldList>();
  // 100k identities and 4M pairs at L: parsed in slices, so requests are not held for all of it.
  const turns = new EventLoopTurns();
  const name = 'risk/access-pairs-in-range';
  for await (const range of identityRanges(tx, pageSize)) {
    // Row by row: the parsed copy of one identity's pairs dies before the next is made.
    const pairs = await tx.run(name, { ...range });
    for (let i = 0; i < pairs.length; i++) {
      if (turns.due()) await turns.pause();
      const r = parseRow(AccessPairsRow, pairs[i], i, name);
      // A pair whose every path expired after the ingest is no longer held (as on every other read).
      const held = r.held.filter((h) => h.activeUntil === null || h.activeUntil > now);
      if (held.length) access.set(r.identityId, heldList(held, entitlements));
    }
  }
  return access;
}

function countAccounts(owners: Array<{ identityId: string | null; accounts: Array<{ systemId: string; status: 'enabled' | 'disabled' }> }>): AccountCount[] {
  const counts = new Map<string, AccountCount>();
  for (const o of owners) {
    for (const a of o.accounts) {
      const key = `${o.identityId ?? ''}\u0000${a.systemId}\u0000${a.status}`;
      const c = counts.get(key);
      if (c) c.accounts++;
      else counts.set(key, { identityId: o.identityId, systemId: a.systemId, status: a.status, accounts: 1 });
    }
  }
  return [...counts.values()];
}

/** The identity's department; a service or agent belongs to its owner's. */
export function departmentOf(data: RiskData, identityId: string | null): string | null {
  if (!identityId) return null;
  const identity = data.identities.get(identityId);
  if (!identity) return null;
  if (identity.department) return identity.department;
  return identity.ownerId ? (data.identities.get(identity.ownerId)?.department ?? null) : null;
}

export function isHighCriticality(data: RiskData, systemId: string | null): boolean {
  const c = systemId ? data.systems.get(systemId)?.criticality : null;
  return c === 'high' || c === 'critical';
}
