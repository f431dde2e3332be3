/** The edges that can confer access, as the access computation walks them. */
export interface TimedEdge {
  from: string;
  to: string;
  expiresAt: string | null;
}

export interface DelegationEdge extends TimedEdge {
  /** Entitlement ids the delegation lets flow, or ['*']. */
  scope: string[];
}

/**
 * Where the access computation looks edges up. Lists hold every edge, expired ones included (the
 * computation checks expiry against its own clock), sorted by target id: the order paths are found
 * in decides which ones are kept when a pair has more than the limit, and a fixed order keeps the
 * answer the same however the store returned the rows. The full index (an in-memory map of the
 * whole graph) and a what-if overlay (src/simulate) both implement it.
 */
export interface AccessTopology {
  /** Accounts the identity owns that are enabled (a disabled account confers nothing). */
  enabledAccountsOf(identityId: string): readonly string[];
  groupsOfAccount(accountId: string): readonly TimedEdge[];
  parentsOfGroup(groupId: string): readonly TimedEdge[];
  grantsOfAccount(accountId: string): readonly TimedEdge[];
  grantsOfGroup(groupId: string): readonly TimedEdge[];
  delegationsFrom(identityId: string): readonly DelegationEdge[];
}

export function byTarget<T extends TimedEdge>(a: T, b: T): number {
  return a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
}

/** Groups edges by their source, each list sorted by target. */
export function adjacencyOf<T extends TimedEdge>(edges: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  for (const list of out.values()) list.sort(byTarget);
  return out;
}

export const NO_EDGES: readonly never[] = Object.freeze([]);
