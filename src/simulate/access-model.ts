import { byTarget, NO_EDGES, type AccessTopology, type DelegationEdge, type TimedEdge } from '../access/topology';

export interface IdentityFacts {
  kind: 'human' | 'service' | 'agent';
  status: string;
  name: string;
  ownerId: string | null;
  department: string | null;
}

export interface AccountFacts {
  ownerId: string | null;
  status: string;
  systemId: string;
  name: string;
}

export interface NamedFacts {
  name: string;
  systemId: string;
}

export interface EntitlementFacts extends NamedFacts {
  privileged: boolean;
}

/**
 * Edge lists by where a what-if change needs to look them up, forwards (how access flows) and
 * backwards (who a change reaches):
 *   ia identity -> its accounts       ag account -> groups it is in     gp group -> parent groups
 *   ga account -> its grants          gg group -> its grants            do identity -> delegations out
 *   ca group -> member accounts       cg group -> member groups         di identity -> delegations in
 * Backward lists hold the same edge objects as forward ones (`from` is still the member/delegator).
 */
export type ListKind = 'ia' | 'ag' | 'gp' | 'ga' | 'gg' | 'do' | 'ca' | 'cg' | 'di';
export type ListKey = `${ListKind}|${string}`;

export interface GraphFacts {
  identities: Map<string, IdentityFacts>;
  accounts: Map<string, AccountFacts>;
  groups: Map<string, NamedFacts>;
  entitlements: Map<string, EntitlementFacts>;
  systems: Map<string, string>;
  /** identity \u0000 entitlement -> last use through the identity's own accounts. */
  usage: Map<string, { lastUsedAt: string | null; useCount: number }>;
}

export interface EdgeLists {
  accountMemberships: TimedEdge[];
  groupMemberships: TimedEdge[];
  accountGrants: TimedEdge[];
  groupGrants: TimedEdge[];
  delegations: DelegationEdge[];
}

/** The edge lists a what-if overlay reads through and replaces copy-on-write. */
export interface ListSource {
  list(key: ListKey): readonly TimedEdge[];
  accountStatus(accountId: string): string | undefined;
  identityStatus(identityId: string): string | undefined;
}

/** The access topology read off the edge lists: shared by the model and its what-if overlays. */
export abstract class ListTopology implements AccessTopology, ListSource {
  abstract list(key: ListKey): readonly TimedEdge[];
  abstract accountStatus(accountId: string): string | undefined;
  abstract identityStatus(identityId: string): string | undefined;

  enabledAccountsOf(identityId: string): readonly string[] {
    return this.list(`ia|${identityId}`)
      .map((e) => e.to)
      .filter((a) => this.accountStatus(a) === 'enabled');
  }
  groupsOfAccount(accountId: string) {
    return this.list(`ag|${accountId}`);
  }
  parentsOfGroup(groupId: string) {
    return this.list(`gp|${groupId}`);
  }
  grantsOfAccount(accountId: string) {
    return this.list(`ga|${accountId}`);
  }
  grantsOfGroup(groupId: string) {
    return this.list(`gg|${groupId}`);
  }
  delegationsFrom(identityId: string) {
    return this.list(`do|${identityId}`) as readonly DelegationEdge[];
  }
}

/**
 * The access-relevant graph at one graph version, in memory: every fact a simulation reads, indexed
 * both ways. Built once per graph version and shared by every simulation on it; never changed (a
 * simulation's edits live in its own overlay, src/simulate/what-if.ts).
 */
export class AccessModel extends ListTopology {
  private readonly lists = new Map<ListKey, TimedEdge[]>();

  constructor(
    readonly graphVersion: string,
    readonly facts: GraphFacts,
    edges: EdgeLists,
  ) {
    super();
    for (const [id, a] of facts.accounts) if (a.ownerId) this.push(`ia|${a.ownerId}`, { from: a.ownerId, to: id, expiresAt: null });
    for (const e of edges.accountMemberships) this.both(`ag|${e.from}`, `ca|${e.to}`, e);
    for (const e of edges.groupMemberships) this.both(`gp|${e.from}`, `cg|${e.to}`, e);
    for (const e of edges.accountGrants) this.push(`ga|${e.from}`, e);
    for (const e of edges.groupGrants) this.push(`gg|${e.from}`, e);
    for (const e of edges.delegations) this.both(`do|${e.from}`, `di|${e.to}`, e);
    for (const list of this.lists.values()) list.sort(byTarget);
  }

  private push(key: ListKey, e: TimedEdge): void {
    const list = this.lists.get(key);
    if (list) list.push(e);
    else this.lists.set(key, [e]);
  }

  private both(forward: ListKey, backward: ListKey, e: TimedEdge): void {
    this.push(forward, e);
    this.push(backward, e);
  }

  list(key: ListKey): readonly TimedEdge[] {
    return this.lists.get(key) ?? NO_EDGES;
  }

  accountStatus(accountId: string): string | undefined {
    return this.facts.accounts.get(accountId)?.status;
  }

  identityStatus(identityId: string): string | undefined {
    return this.facts.identities.get(identityId)?.status;
  }
}

