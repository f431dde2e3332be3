import { computeEffectiveAccess, type AccessGraphInput, type TimedEdge } from './compute-access';
import type { StoredPath } from './path';

/** Why a path that exists in the graph does not confer access now. */
export type BlockerKind = 'DISABLED_ACCOUNT' | 'EXPIRED' | 'OUT_OF_SCOPE';

export interface Blocker {
  kind: BlockerKind;
  /** Index of the hop the blocker sits on (the account, or the hop the expired/narrowing edge leads to). */
  hop: number;
  expiredAt?: string;
  scope?: string[];
}

export interface NearMiss {
  path: StoredPath;
  blockers: Blocker[];
}

/** The neighbourhood of one identity, with nothing filtered out: disabled accounts, expired edges, every scope. */
export interface RelaxedNeighbourhood {
  accounts: Array<{ identityId: string; accountId: string; status: string }>;
  accountMemberships: TimedEdge[];
  groupMemberships: TimedEdge[];
  accountGrants: TimedEdge[];
  groupGrants: TimedEdge[];
  delegations: Array<TimedEdge & { scope: string[] }>;
}

/**
 * Paths that would give the identity the entitlement if nothing were disabled, expired or out of
 * scope, each with what blocks it. Reuses the access computation on a relaxed copy of the graph, so
 * "why not" follows exactly the rules "why" does.
 */
export function findNearMisses(n: RelaxedNeighbourhood, identityId: string, entitlementId: string, now: string, limit = 5): NearMiss[] {
  const relaxed: AccessGraphInput = {
    ownedAccounts: n.accounts.map(({ identityId: i, accountId }) => ({ identityId: i, accountId })),
    accountMemberships: n.accountMemberships,
    groupMemberships: n.groupMemberships,
    accountGrants: n.accountGrants,
    groupGrants: n.groupGrants,
    delegations: n.delegations.map((d) => ({ ...d, scope: ['*'] })),
  };
  // An empty clock: every expiry lies after it, so expired edges stay in the relaxed graph.
  const grants = computeEffectiveAccess(relaxed, { now: '', maxPathsPerGrant: limit });
  const grant = grants.find((g) => g.identityId === identityId && g.entitlementId === entitlementId);
  if (!grant) return [];
  const disabled = new Set(n.accounts.filter((a) => a.status !== 'enabled').map((a) => a.accountId));
  const scopes = new Map(n.delegations.map((d) => [`${d.from}>${d.to}`, d.scope]));
  return grant.paths
    .map((path) => ({ path, blockers: blockersOf(path, entitlementId, now, disabled, scopes) }))
    .filter((m) => m.blockers.length > 0)
    .sort((a, b) => a.blockers.length - b.blockers.length || a.path.length - b.path.length);
}

function blockersOf(path: StoredPath, entitlementId: string, now: string, disabled: Set<string>, scopes: Map<string, string[]>): Blocker[] {
  const out: Blocker[] = [];
  path.forEach((hop, i) => {
    if (hop.k === 'account' && disabled.has(hop.id)) out.push({ kind: 'DISABLED_ACCOUNT', hop: i });
    if (hop.x && hop.x <= now) out.push({ kind: 'EXPIRED', hop: i, expiredAt: hop.x });
    if (hop.e === 'DELEGATES_TO') {
      // Walking against the edge: the hop is the delegator, the previous hop the delegate.
      const scope = scopes.get(`${hop.id}>${path[i - 1].id}`) ?? [];
      if (!scope.includes('*') && !scope.includes(entitlementId)) out.push({ kind: 'OUT_OF_SCOPE', hop: i, scope });
    }
  });
  return out;
}
