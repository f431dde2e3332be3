import { z } from 'zod';
import { findNearMisses, type NearMiss, type RelaxedNeighbourhood } from '../access/near-miss';
import type { TimedEdge } from '../access/compute-access';
import type { GraphStore, QueryParams, Row } from '../store/port';
import { rowsByKeys } from './by-keys';
import { GenerationCache } from './generation-cache';

const Edge = z.object({ from: z.string(), to: z.string(), expiresAt: z.string().nullable() });

function edges(rows: Row[], from: string, to: string): TimedEdge[] {
  return rows.map((r) => {
    const e = Edge.parse({ from: r[from], to: r[to], expiresAt: r.expiresAt ?? null });
    return { from: e.from, to: e.to, expiresAt: e.expiresAt };
  });
}

/** Keys kept per lookup across requests; the oldest go first past it. */
const SHARED_KEYS_PER_LOOKUP = 20_000;
const shared = new WeakMap<GraphStore, Map<string, GenerationCache<Row[]>>>();

/**
 * The rows of a by-key lookup whose rows name their key in `keyColumn`, per key shared between
 * requests until the store is written (src/read/generation-cache.ts): the groups above a person are
 * shared by many people, so their memberships and grants are asked for again and again.
 */
async function sharedRowsByKeys(db: GraphStore, batched: string, single: string, keyColumn: string, ids: readonly string[], extra: QueryParams = {}): Promise<Row[]> {
  if (!ids.length) return [];
  let caches = shared.get(db);
  if (!caches) shared.set(db, (caches = new Map()));
  let cache = caches.get(single);
  if (!cache) caches.set(single, (cache = new GenerationCache<Row[]>(db, SHARED_KEYS_PER_LOOKUP)));
  const scope = JSON.stringify(extra);
  const unique = [...new Set(ids)];
  const perKey = await cache.getMany(unique.map((id) => `${scope}\n${id}`), async (missing) => {
    const wanted = missing.map((k) => k.slice(scope.length + 1));
    const byKey = new Map<string, Row[]>(wanted.map((id) => [id, []]));
    for (const row of await rowsByKeys(db, batched, single, wanted, extra)) byKey.get(String(row[keyColumn]))?.push(row);
    return wanted.map((id) => byKey.get(id)!);
  });
  return perKey.flat();
}

/**
 * Rows of the accounts `people` own, read per owner (one query from the identity's primary key
 * instead of one per account; shared between requests like the rest), each account's rows once
 * even if two of the people were to own it: what the per-account reads returned.
 */
async function ownedAccountRows(db: GraphStore, batched: string, single: string, accountColumn: string, people: string[], extra: QueryParams = {}): Promise<Row[]> {
  const rows = await sharedRowsByKeys(db, batched, single, 'ownerId', people, extra);
  const ownerOf = new Map<string, string>();
  return rows.filter((r) => {
    const account = String(r[accountColumn]);
    const owner = String(r.ownerId);
    if (!ownerOf.has(account)) ownerOf.set(account, owner);
    return ownerOf.get(account) === owner;
  });
}

/** As deep as explain/groups-above walks (MEMBER_OF*1..16 from an account). */
const MAX_MEMBERSHIP_HOPS = 16;

/**
 * The memberships of every group above the accounts, found level by level from the (shared)
 * memberships of each group: one cached lookup per group instead of a variable-length walk per
 * account (6-10 ms a person at S, uncached). The same groups as explain/groups-above: reachable in
 * at most 16 MEMBER_OF hops (`groups`), and the memberships of each of them, the last level's included.
 */
async function membershipsAbove(db: GraphStore, accountMemberships: Row[]): Promise<{ groups: string[]; rows: Row[] }> {
  const seen = new Set<string>();
  const rows: Row[] = [];
  let level = [...new Set(accountMemberships.map((r) => String(r.groupId)))];
  for (let depth = 1; level.length && depth <= MAX_MEMBERSHIP_HOPS; depth++) {
    for (const g of level) seen.add(g);
    const found = await sharedRowsByKeys(db, 'explain/group-memberships', 'explain/group-memberships-one', 'memberId', level);
    rows.push(...found);
    level = [...new Set(found.map((r) => String(r.groupId)))].filter((g) => !seen.has(g));
  }
  return { groups: [...seen], rows };
}

/**
 * Loads the identity's neighbourhood with nothing filtered. Each step reads by key
 * (src/read/by-keys.ts): a person has a handful of accounts and groups, and groups are shared.
 */
export async function relaxedNeighbourhood(db: GraphStore, identityId: string, entitlementId: string): Promise<RelaxedNeighbourhood> {
  const delegators = (await db.run('explain/delegators', { identityId })).map((r) => String(r.id));
  const people = [identityId, ...delegators.filter((d) => d !== identityId)];
  // Independent reads, each through the store (which spreads them over its read connections).
  const [ownedRows, accountMemberships, accountGrants, delegations] = await Promise.all([
    rowsByKeys(db, 'explain/accounts-of', 'explain/accounts-of-one', people),
    ownedAccountRows(db, 'explain/account-memberships-owners', 'explain/account-memberships-owner', 'memberId', people),
    ownedAccountRows(db, 'explain/account-grants-owners', 'explain/account-grants-owner', 'holderId', people, { entitlementId }),
    people.length > 1
      ? db.run('explain/delegations-among', { ids: people, within: people }).then((rows) => rows.map((r) => ({
          ...Edge.parse({ from: r.fromId, to: r.toId, expiresAt: r.expiresAt ?? null }),
          scope: z.array(z.string()).parse(r.scope),
        })))
      : [],
  ]);
  const { groups, rows: groupMemberships } = await membershipsAbove(db, accountMemberships);
  const groupGrants = await sharedRowsByKeys(db, 'explain/group-grants', 'explain/group-grants-one', 'holderId', groups, { entitlementId });
  return {
    accounts: ownedRows.map((r) => ({ identityId: String(r.identityId), accountId: String(r.accountId), status: String(r.status) })),
    accountMemberships: edges(accountMemberships, 'memberId', 'groupId'),
    groupMemberships: edges(groupMemberships, 'memberId', 'groupId'),
    accountGrants: edges(accountGrants, 'holderId', 'entitlementId'),
    groupGrants: edges(groupGrants, 'holderId', 'entitlementId'),
    delegations,
  };
}

/** What blocks each path that would give the identity the entitlement but for a disabled account, an expiry or a scope. */
export async function nearMisses(db: GraphStore, identityId: string, entitlementId: string, now: string): Promise<NearMiss[]> {
  return findNearMisses(await relaxedNeighbourhood(db, identityId, entitlementId), identityId, entitlementId, now);
}
