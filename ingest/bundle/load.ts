import type { QueryRunner } from '../../src/store/port';
import type { LocatedBundle } from './check-references';
import { loadDecisions } from './load-decisions';
import { loadDelegations, removeStaleDelegations, type DelegationSync } from './delegations-sync';
import type { BundleRecords } from './records';
import { accountRow, credentialRow, entitlementRow, grantRow, groupRow, identityRow, membershipRow, pairKey, systemRow } from './rows';
import type { StoredUsage, UsageLog } from './usage-log';

const BATCH = 5000;

/** What a full run's cleanup needs to know from the load (delegations are cleaned up by key). */
export interface LoadedSync {
  delegations: DelegationSync;
}

export interface LoadStamp {
  source: string;
  tag: number;
}

async function inBatches(tx: QueryRunner, query: string, rows: object[], stamp: LoadStamp): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.run(query, { rows: rows.slice(i, i + BATCH), source: stamp.source, tag: stamp.tag });
  }
}

export const records = <K extends Exclude<keyof BundleRecords, 'usage'>>(b: LocatedBundle, k: K) => b[k].map((l) => l.record) as BundleRecords[K];

/** load: writes validated records into the open write transaction; the caller commits or rolls back. */
export async function loadBundle(tx: QueryRunner, bundle: LocatedBundle, stamp: LoadStamp, emailIndex: Map<string, string>): Promise<LoadedSync> {
  await inBatches(tx, 'upsert/identities', records(bundle, 'identities').map(identityRow), stamp);
  await inBatches(tx, 'upsert/systems', records(bundle, 'systems').map(systemRow), stamp);
  await inBatches(tx, 'upsert/accounts', records(bundle, 'accounts').map((r) => accountRow(r, emailIndex)), stamp);
  await inBatches(tx, 'upsert/groups', records(bundle, 'groups').map(groupRow), stamp);
  await inBatches(tx, 'upsert/entitlements', records(bundle, 'entitlements').map(entitlementRow), stamp);

  const memberships = records(bundle, 'memberships');
  for (const type of ['account', 'group'] as const) {
    await inBatches(tx, `upsert/memberships-${type}`, memberships.filter((m) => m.memberType === type).map(membershipRow), stamp);
  }
  const grants = records(bundle, 'grants');
  for (const type of ['account', 'group'] as const) {
    await inBatches(tx, `upsert/grants-${type}`, grants.filter((g) => g.holderType === type).map(grantRow), stamp);
  }
  const delegations = await loadDelegations(tx, records(bundle, 'delegations'), stamp, BATCH);

  const credentials = records(bundle, 'credentials');
  await inBatches(tx, 'upsert/credentials', credentials.map(credentialRow), stamp);
  for (let i = 0; i < credentials.length; i += BATCH) {
    await tx.run('upsert/credential-holders-clear', { ids: credentials.slice(i, i + BATCH).map((c) => c.id) });
  }
  for (const type of ['identity', 'account'] as const) {
    const rows = credentials.filter((c) => c.holderType === type).map((c) => ({ id: c.id, holderId: c.holderId }));
    for (let i = 0; i < rows.length; i += BATCH) await tx.run(`upsert/credential-holders-${type}`, { rows: rows.slice(i, i + BATCH) });
  }
  await loadUsage(tx, bundle.usage, stamp);
  await loadDecisions(tx, records(bundle, 'decisions'), stamp);
  return { delegations };
}

/** Usage events fold per account and entitlement onto what the graph holds (usage-log.ts, fold). */
async function loadUsage(tx: QueryRunner, usage: UsageLog, stamp: LoadStamp): Promise<void> {
  const pairs = usage.pairs();
  const existing = new Map<string, StoredUsage>();
  for (let i = 0; i < pairs.length; i += BATCH) {
    for (const r of await tx.run('upsert/usage-existing', { rows: pairs.slice(i, i + BATCH) })) {
      existing.set(pairKey(String(r.accountId), String(r.entitlementId)), { lastUsedAt: String(r.lastUsedAt), count: Number(r.count) });
    }
  }
  await inBatches(tx, 'upsert/usage', usage.fold((a, e) => existing.get(pairKey(a, e))), stamp);
}

/** Removed by update tag (delegations are removed by key first, see delegations-sync.ts). */
export const CLEANUP_ORDER = [
  'decisions', 'usage', 'grants', 'memberships', 'credentials', 'entitlements', 'groups', 'accounts', 'systems', 'identities',
] as const;

/**
 * cleanup: after a successful full run, remove what this source no longer supplies. `keptDelegations`:
 * keys named by rejected delegation records, kept as they were.
 */
export async function cleanupStale(tx: QueryRunner, stamp: LoadStamp, loaded: LoadedSync, keptDelegations: Set<string>): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  // Edges before the nodes they hang on: delegations first, then the tagged kinds in order.
  removed.delegations = await removeStaleDelegations(tx, loaded.delegations, keptDelegations, stamp, BATCH);
  for (const what of CLEANUP_ORDER) {
    const rows = await tx.run(`cleanup/${what}`, { source: stamp.source, tag: stamp.tag });
    removed[what] = Number(rows[0]?.removed ?? 0);
  }
  return removed;
}

export const LINK_QUERIES = [
  'link/account-emails',
  'link/account-owners-clear', 'link/account-owners',
  'link/identity-owners-clear', 'link/identity-owners',
  'link/system-owners-clear', 'link/system-owners',
  'link/managers-clear', 'link/managers',
  'link/systems-of-accounts-clear', 'link/systems-of-accounts',
  'link/systems-of-groups-clear', 'link/systems-of-groups',
  'link/systems-of-entitlements-clear', 'link/systems-of-entitlements',
];

/** Edges derived from record properties (owner, manager, system) are re-derived after every run. */
export async function linkDerivedEdges(tx: QueryRunner): Promise<void> {
  for (const q of LINK_QUERIES) await tx.run(q, {});
}
