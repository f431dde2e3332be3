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
 * Loads the identity's neighbourhood with nothing filtered, then asks what blocks each would-be path.
 * Each step reads by key (src/read/by-keys.ts): a person has a handful of accounts and groups.
 */
export async function nearMisses(db: GraphStore, identityId: string, entitlementId: string, now: string): Promise<NearMiss[]> {
  const delegators = (await db.run('explain/delegators', { identityId })).map((r) => String(r.id));
  const people = [identityId, ...delegators.filter((d) => d !== identityId)];
  const accounts = (await rowsByKeys(db, 'explain/accounts-of', 'explain/accounts-of-one', people)).map((r) => ({
    identityId: String(r.identityId),
    accountId: String(r.accountId),
    status: String(r.status),
  }));
  const accountIds = accounts.map((a) => a.accountId);
  const groupIds = [...new Set((await rowsByKeys(db, 'explain/groups-above', 'explain/groups-above-one', accountIds)).map((r) => String(r.id)))];
  // Independent reads, each through the store (which spreads them over its read connections).
  const [delegations, accountMemberships, groupMemberships, accountGrants, groupGrants] = await Promise.all([
    people.length > 1
      ? db.run('explain/delegations-among', { ids: people, within: people }).then((rows) => rows.map((r) => ({
          ...Edge.parse({ from: r.fromId, to: r.toId, expiresAt: r.expiresAt ?? null }),
          scope: z.array(z.string()).parse(r.scope),
        })))
      : [],
    sharedRowsByKeys(db, 'explain/account-memberships', 'explain/account-memberships-one', 'memberId', accountIds),
    sharedRowsByKeys(db, 'explain/group-memberships', 'explain/group-memberships-one', 'memberId', groupIds),
    sharedRowsByKeys(db, 'explain/account-grants', 'explain/account-grants-one', 'holderId', accountIds, { entitlementId }),
    sharedRowsByKeys(db, 'explain/group-grants', 'explain/group-grants-one', 'holderId', groupIds, { entitlementId }),
  ]);
  const neighbourhood: RelaxedNeighbourhood = {
    accounts,
    accountMemberships: edges(accountMemberships, 'memberId', 'groupId'),
    groupMemberships: edges(groupMemberships, 'memberId', 'groupId'),
    accountGrants: edges(accountGrants, 'holderId', 'entitlementId'),
    groupGrants: edges(groupGrants, 'holderId', 'entitlementId'),
    delegations,
  };
  return findNearMisses(neighbourhood, identityId, entitlementId, now);
}
