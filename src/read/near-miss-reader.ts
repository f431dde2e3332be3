import { z } from 'zod';
import { findNearMisses, type NearMiss, type RelaxedNeighbourhood } from '../access/near-miss';
import type { TimedEdge } from '../access/compute-access';
import type { QueryRunner } from '../store/port';

const Edge = z.object({ from: z.string(), to: z.string(), expiresAt: z.string().nullable() });

async function edges(db: QueryRunner, query: string, params: Record<string, unknown>, from: string, to: string): Promise<TimedEdge[]> {
  if (Array.isArray(params.ids) && params.ids.length === 0) return [];
  return (await db.run(query, params)).map((r) => {
    const e = Edge.parse({ from: r[from], to: r[to], expiresAt: r.expiresAt ?? null });
    return { from: e.from, to: e.to, expiresAt: e.expiresAt };
  });
}

/** Loads the identity's neighbourhood with nothing filtered, then asks what blocks each would-be path. */
export async function nearMisses(db: QueryRunner, identityId: string, entitlementId: string, now: string): Promise<NearMiss[]> {
  const delegators = (await db.run('explain/delegators', { identityId })).map((r) => String(r.id));
  const people = [identityId, ...delegators.filter((d) => d !== identityId)];
  const accounts = (await db.run('explain/accounts-of', { ids: people })).map((r) => ({
    identityId: String(r.identityId),
    accountId: String(r.accountId),
    status: String(r.status),
  }));
  const accountIds = accounts.map((a) => a.accountId);
  const groupIds = accountIds.length ? (await db.run('explain/groups-above', { ids: accountIds })).map((r) => String(r.id)) : [];
  const delegations = people.length > 1
    ? (await db.run('explain/delegations-among', { ids: people, within: people })).map((r) => ({
        ...Edge.parse({ from: r.fromId, to: r.toId, expiresAt: r.expiresAt ?? null }),
        scope: z.array(z.string()).parse(r.scope),
      }))
    : [];
  const neighbourhood: RelaxedNeighbourhood = {
    accounts,
    accountMemberships: await edges(db, 'explain/account-memberships', { ids: accountIds }, 'memberId', 'groupId'),
    groupMemberships: await edges(db, 'explain/group-memberships', { ids: groupIds }, 'memberId', 'groupId'),
    accountGrants: await edges(db, 'explain/account-grants', { ids: accountIds, entitlementId }, 'holderId', 'entitlementId'),
    groupGrants: await edges(db, 'explain/group-grants', { ids: groupIds, entitlementId }, 'holderId', 'entitlementId'),
    delegations,
  };
  return findNearMisses(neighbourhood, identityId, entitlementId, now);
}
