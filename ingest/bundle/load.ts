import type { QueryRunner } from '../../src/store/port';
import type { LocatedBundle } from './check-references';
import { loadDecisions } from './load-decisions';
import { loadDelegations, removeStaleDelegations, type DelegationSync } from './delegations-sync';
import type { BundleRecords, UsageRecord } from './records';

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

/** Every row carries every key: Kuzu infers one struct type per list, and Neo4j should not keep stale values. */
function full<T extends object>(keys: readonly string[], rec: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (rec as Record<string, unknown>)[k] ?? null;
  return out;
}

const records = <K extends keyof BundleRecords>(b: LocatedBundle, k: K) => b[k].map((l) => l.record) as BundleRecords[K];

/** load: writes validated records into the open write transaction; the caller commits or rolls back. */
export async function loadBundle(tx: QueryRunner, bundle: LocatedBundle, stamp: LoadStamp, emailIndex: Map<string, string>): Promise<LoadedSync> {
  const identities = records(bundle, 'identities').map((r) => ({
    ...full(['id', 'kind', 'displayName', 'email', 'department', 'title', 'managerId', 'status', 'ownerId', 'purpose', 'createdAt', 'terminatedAt'], r),
    emailLower: r.email?.toLowerCase() ?? null,
    attributes: r.attributes ? JSON.stringify(r.attributes) : null,
    searchText: [r.id, r.displayName, r.email, r.department, r.title].filter(Boolean).join(' ').toLowerCase(),
  }));
  await inBatches(tx, 'upsert/identities', identities, stamp);
  await inBatches(tx, 'upsert/systems', records(bundle, 'systems').map((r) => full(['id', 'name', 'criticality', 'ownerId'], r)), stamp);

  const accounts = records(bundle, 'accounts').map((r) => {
    const email = r.identityEmail?.toLowerCase() ?? null;
    return {
      ...full(['id', 'systemId', 'username', 'status', 'createdAt', 'lastLoginAt'], r),
      identityEmail: email,
      identityId: r.identityId ?? (email ? (emailIndex.get(email) ?? null) : null),
    };
  });
  await inBatches(tx, 'upsert/accounts', accounts, stamp);
  await inBatches(tx, 'upsert/groups', records(bundle, 'groups').map((r) => full(['id', 'systemId', 'name', 'kind', 'description'], r)), stamp);
  await inBatches(
    tx,
    'upsert/entitlements',
    // Absent `privileged` means not privileged; never null, since Kuzu types a list's struct field from
    // its first row and a null there would make the column STRING for the whole batch.
    records(bundle, 'entitlements').map((r) => ({
      ...full(['id', 'systemId', 'name', 'kind', 'sensitivity', 'description'], r),
      privileged: r.privileged ?? false,
    })),
    stamp,
  );

  const memberships = records(bundle, 'memberships');
  for (const type of ['account', 'group'] as const) {
    const rows = memberships.filter((m) => m.memberType === type).map((m) => full(['memberId', 'groupId', 'grantedAt', 'expiresAt'], m));
    await inBatches(tx, `upsert/memberships-${type}`, rows, stamp);
  }
  const grants = records(bundle, 'grants');
  for (const type of ['account', 'group'] as const) {
    const rows = grants.filter((g) => g.holderType === type).map((g) => full(['holderId', 'entitlementId', 'grantedAt', 'expiresAt'], g));
    await inBatches(tx, `upsert/grants-${type}`, rows, stamp);
  }
  const delegations = await loadDelegations(tx, records(bundle, 'delegations'), stamp, BATCH);

  const credentials = records(bundle, 'credentials');
  const credentialRows = credentials.map((c) =>
    full(['id', 'holderId', 'holderType', 'type', 'createdAt', 'expiresAt', 'lastRotatedAt', 'lastUsedAt'], c),
  );
  await inBatches(tx, 'upsert/credentials', credentialRows, stamp);
  for (let i = 0; i < credentials.length; i += BATCH) {
    await tx.run('upsert/credential-holders-clear', { ids: credentials.slice(i, i + BATCH).map((c) => c.id) });
  }
  for (const type of ['identity', 'account'] as const) {
    const rows = credentials.filter((c) => c.holderType === type).map((c) => ({ id: c.id, holderId: c.holderId }));
    for (let i = 0; i < rows.length; i += BATCH) await tx.run(`upsert/credential-holders-${type}`, { rows: rows.slice(i, i + BATCH) });
  }
  await loadUsage(tx, records(bundle, 'usage'), stamp);
  await loadDecisions(tx, records(bundle, 'decisions'), stamp);
  return { delegations };
}

interface UsageAggregate {
  accountId: string;
  entitlementId: string;
  events: Array<{ at: string; count: number }>;
}

/**
 * Usage events fold into (last used, count) per account and entitlement. Counts only grow by events
 * newer than what the graph already holds, so the same events ingested twice count once.
 */
async function loadUsage(tx: QueryRunner, usage: UsageRecord[], stamp: LoadStamp): Promise<void> {
  const pairs = new Map<string, UsageAggregate>();
  for (const u of usage) {
    const key = `${u.accountId}\u0000${u.entitlementId}`;
    let agg = pairs.get(key);
    if (!agg) pairs.set(key, (agg = { accountId: u.accountId, entitlementId: u.entitlementId, events: [] }));
    agg.events.push({ at: u.at, count: u.count });
  }
  const all = [...pairs.values()];
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const existing = new Map<string, { lastUsedAt: string; count: number }>();
    const rows = await tx.run('upsert/usage-existing', {
      rows: batch.map((p) => ({ accountId: p.accountId, entitlementId: p.entitlementId })),
    });
    for (const r of rows) existing.set(`${r.accountId}\u0000${r.entitlementId}`, { lastUsedAt: String(r.lastUsedAt), count: Number(r.count) });
    const out = batch.map((p) => {
      const prior = existing.get(`${p.accountId}\u0000${p.entitlementId}`);
      const fresh = prior ? p.events.filter((e) => e.at > prior.lastUsedAt) : p.events;
      const last = p.events.reduce((m, e) => (e.at > m ? e.at : m), prior?.lastUsedAt ?? '');
      return {
        accountId: p.accountId,
        entitlementId: p.entitlementId,
        lastUsedAt: last,
        count: (prior?.count ?? 0) + fresh.reduce((n, e) => n + e.count, 0),
      };
    });
    await inBatches(tx, 'upsert/usage', out, stamp);
  }
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
