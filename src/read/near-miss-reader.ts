import { z } from 'zod';
import { findNearMisses, type NearMiss, type RelaxedNeighbourhood } from '../access/near-miss';
import type { TimedEdge } from '../access/compute-access';
import type { QueryRunner, Row } from '../store/port';
import { rowsByKeys } from './by-keys';

const Edge = z.object({ from: z.string(), to: z.string(), expiresAt: z.string().nullable() });

function edges(rows: Row[], from: string, to: string): TimedEdge[] {
  return rows.map((r) => {
    const e = Edge.parse({ from: r[from], to: r[to], expiresAt: r.expiresAt ?? null });
    return { from: e.from, to: e.to, expiresAt: e.expiresAt };
  });
}

/**
 * Loads the identity's neighbourhood with nothing filtered, then asks what blocks each would-be path.
 * Each step reads by key (src/read/by-keys.ts): a person has a handful of accounts and groups.
 */
export async function nearMisses(db: QueryRunner, identityId: string, entitlementId: string, now: string): Promise<NearMiss[]> {
  const delegators = (await db.run('explain/delegators', { identityId })).map((r) => String(r.id));
  const people = [identityId, ...delegators.filter((d) => d !== identityId)];
  const accounts = (await rowsByKeys(db, 'explain/accounts-of', 'explain/accounts-of-one', people)).map((r) => ({
    identityId: String(r.identityId),
    accountId: String(r.accountId),
    status: String(r.status),
  }));
  const accountIds = accounts.map((a) => a.accountId);
  const groupIds = [...new Set((await rowsByKeys(db, 'explain/groups-above', 'explain/groups-above-one', accountIds)).map((r) => String(r.id)))];
  const delegations = people.length > 1
    ? (await db.run('explain/delegations-among', { ids: people, within: people })).map((r) => ({
        ...Edge.parse({ from: r.fromId, to: r.toId, expiresAt: r.expiresAt ?? null }),
        scope: z.array(z.string()).parse(r.scope),
      }))
    : [];
  const neighbourhood: RelaxedNeighbourhood = {
    accounts,
    accountMemberships: edges(await rowsByKeys(db, 'explain/account-memberships', 'explain/account-memberships-one', accountIds), 'memberId', 'groupId'),
    groupMemberships: edges(await rowsByKeys(db, 'explain/group-memberships', 'explain/group-memberships-one', groupIds), 'memberId', 'groupId'),
    accountGrants: edges(await rowsByKeys(db, 'explain/account-grants', 'explain/account-grants-one', accountIds, { entitlementId }), 'holderId', 'entitlementId'),
    groupGrants: edges(await rowsByKeys(db, 'explain/group-grants', 'explain/group-grants-one', groupIds, { entitlementId }), 'holderId', 'entitlementId'),
    delegations,
  };
  return findNearMisses(neighbourhood, identityId, entitlementId, now);
}
