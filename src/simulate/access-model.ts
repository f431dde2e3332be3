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
  listOf(kind: ListKind, id: string): readonly TimedEdge[];
  accountStatus(accountId: string): string | undefined;
  identityStatus(identityId: string): string | undefined;
}

/** The access topology read off the edge lists: shared by the model and its what-if overlays. */
export abstract class ListTopology implements AccessTopology, ListSource {
  /** The lists by kind, then by id: the access computation looks up several per identity, and a joined key cost a string build and hash each time. */
  abstract listOf(kind: ListKind, id: string): readonly TimedEdge[];
  abstract accountStatus(accountId: string): string | undefined;
  abstract identityStatus(identityId: string): string | undefined;

  list(key: ListKey): readonly TimedEdge[] {
    const [kind, id] = splitKey(key);
    return this.listOf(kind, id);
  }

  enabledAccountsOf(identityId: string): readonly string[] {
    const out: string[] = [];
    for (const e of this.listOf('ia', identityId)) if (this.accountStatus(e.to) === 'enabled') out.push(e.to);
    return out;
  }
  groupsOfAccount(accountId: string) {
    return this.listOf('ag', accountId);
  }
  parentsOfGroup(groupId: string) {
    return this.listOf('gp', groupId);
  }
  grantsOfAccount(accountId: string) {
    return this.listOf('ga', accountId);
  }
  grantsOfGroup(groupId: string) {
    return this.listOf('gg', groupId);
  }
  delegationsFrom(identityId: string) {
    return this.listOf('do', identityId) as readonly DelegationEdge[];
  }
}

/** A list key's kind and id (the kind is the part before the first '|'; an id may hold '|' itself). */
export function splitKey(key: ListKey): [ListKind, string] {
  const bar = key.indexOf('|');
  return [key.slice(0, bar) as ListKind, key.slice(bar + 1)];
}

const LIST_KINDS: readonly ListKind[] = ['ia', 'ag', 'gp', 'ga', 'gg', 'do', 'ca', 'cg', 'di'];

export type ListsByKind = Map<ListKind, Map<string, TimedEdge[]>>;

export function emptyLists(): ListsByKind {
  return new Map(LIST_KINDS.map((k) => [k, new Map()]));
}

/**
 * The access-relevant graph at one graph version, in memory: every fact a simulation reads, indexed
 * both ways. Built once per graph version and shared by every simulation on it; never changed (a
 * simulation's edits live in its own overlay, src/simulate/what-if.ts).
 */
export class AccessModel extends ListTopology {
  private readonly lists = emptyLists();

  constructor(
    readonly graphVersion: string,
    readonly facts: GraphFacts,
    edges: EdgeLists,
  ) {
    super();
    for (const [id, a] of facts.accounts) if (a.ownerId) this.push('ia', a.ownerId, { from: a.ownerId, to: id, expiresAt: null });
    for (const e of edges.accountMemberships) this.both('ag', 'ca', e);
    for (const e of edges.groupMemberships) this.both('gp', 'cg', e);
    for (const e of edges.accountGrants) this.push('ga', e.from, e);
    for (const e of edges.groupGrants) this.push('gg', e.from, e);
    for (const e of edges.delegations) this.both('do', 'di', e);
    for (const byId of this.lists.values()) for (const list of byId.values()) list.sort(byTarget);
  }

  private push(kind: ListKind, id: string, e: TimedEdge): void {
    const byId = this.lists.get(kind)!;
    const list = byId.get(id);
    if (list) list.push(e);
    else byId.set(id, [e]);
  }

  /** Forward under the member/delegator, backward under the group/delegate. */
  private both(forward: ListKind, backward: ListKind, e: TimedEdge): void {
    this.push(forward, e.from, e);
    this.push(backward, e.to, e);
  }

  listOf(kind: ListKind, id: string): readonly TimedEdge[] {
    return this.lists.get(kind)!.get(id) ?? NO_EDGES;
  }

  accountStatus(accountId: string): string | undefined {
    return this.facts.accounts.get(accountId)?.status;
  }

  identityStatus(identityId: string): string | undefined {
    return this.facts.identities.get(identityId)?.status;
  }
}

