import { pathExpiry, pathKey, type StoredHop, type StoredPath } from './path';
import { adjacencyOf, NO_EDGES, type AccessTopology, type DelegationEdge, type TimedEdge } from './topology';

export type { TimedEdge } from './topology';

export interface AccessGraphInput {
  /** Enabled accounts with their owning identity. */
  ownedAccounts: Array<{ identityId: string; accountId: string }>;
  accountMemberships: TimedEdge[];
  groupMemberships: TimedEdge[];
  accountGrants: TimedEdge[];
  groupGrants: TimedEdge[];
  delegations: DelegationEdge[];
}

export interface ComputedGrant {
  identityId: string;
  entitlementId: string;
  /** True when every path runs through a delegation: the identity holds it only on someone's behalf. */
  viaDelegation: boolean;
  /** Null when some path never expires; else when the last path expires. */
  activeUntil: string | null;
  paths: StoredPath[];
}

export interface ComputeOptions {
  now: string;
  maxPathsPerGrant: number;
  /** Nesting deeper than this is not followed (cycles are cut by simple-path checks regardless). */
  maxGroupDepth?: number;
  /**
   * Only these entitlements (a simulation knows which ones its changes can move). Each pair's answer
   * is the same as without the filter; the others are simply not computed.
   */
  only?: ReadonlySet<string> | null;
  /**
   * What each group confers, kept across calls that share `now`, `maxPathsPerGrant`, `maxGroupDepth`
   * and `only` on one topology (the chunked index build computes identities a chunk at a time).
   */
  groupCache?: Map<string, PathsByTarget>;
}

export type PathsByTarget = Map<string, StoredPath[]>;
/** Identity -> entitlement -> the paths that justify it. */
export type AccessPaths = Map<string, PathsByTarget>;

const active = (e: TimedEdge, now: string) => e.expiresAt === null || e.expiresAt > now; // expired edges confer nothing

const hop = (k: StoredHop['k'], id: string, e?: StoredHop['e'], x?: string | null): StoredHop =>
  x ? { k, id, e, x } : e ? { k, id, e } : { k, id };

/** Shorter first, then by key: the order that decides which paths a pair keeps, whatever order they come in. */
function better(a: StoredPath, b: StoredPath): boolean {
  return a.length !== b.length ? a.length < b.length : pathKey(a) < pathKey(b);
}

/** The same hops over the same edges; compared in place, as building both keys was a tenth of the index phase at scale. */
function samePath(a: StoredPath, b: StoredPath): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id || a[i].k !== b[i].k || a[i].e !== b[i].e) return false;
  return true;
}

/**
 * Adds a path unless it is a duplicate; a pair that already holds `limit` paths keeps the best ones,
 * so the paths kept do not depend on the order the graph was read in. True when the path was kept.
 */
function offer(map: PathsByTarget, target: string, path: StoredPath, limit: number): boolean {
  const list = map.get(target);
  if (!list) {
    map.set(target, [path]);
    return true;
  }
  if (list.some((p) => samePath(p, path))) return false;
  if (list.length < limit) {
    list.push(path);
    return true;
  }
  let worst = 0;
  for (let i = 1; i < list.length; i++) if (better(list[worst], list[i])) worst = i;
  if (!better(path, list[worst])) return false;
  list[worst] = path;
  return true;
}

/** An access topology over plain edge lists (the ingest's full rebuild, tests, the demo generator). */
export function topologyOf(input: AccessGraphInput): AccessTopology & { identities(): string[] } {
  const accounts = new Map<string, string[]>();
  for (const { identityId, accountId } of input.ownedAccounts) {
    const list = accounts.get(identityId);
    if (list) list.push(accountId);
    else accounts.set(identityId, [accountId]);
  }
  for (const list of accounts.values()) list.sort();
  const accountGroups = adjacencyOf(input.accountMemberships);
  const parents = adjacencyOf(input.groupMemberships);
  const accountGrants = adjacencyOf(input.accountGrants);
  const groupGrants = adjacencyOf(input.groupGrants);
  const delegations = adjacencyOf(input.delegations);
  const identities = new Set([...accounts.keys(), ...input.delegations.flatMap((d) => [d.from, d.to])]);
  return {
    enabledAccountsOf: (id) => accounts.get(id) ?? NO_EDGES,
    groupsOfAccount: (id) => accountGroups.get(id) ?? NO_EDGES,
    parentsOfGroup: (id) => parents.get(id) ?? NO_EDGES,
    grantsOfAccount: (id) => accountGrants.get(id) ?? NO_EDGES,
    grantsOfGroup: (id) => groupGrants.get(id) ?? NO_EDGES,
    delegationsFrom: (id) => delegations.get(id) ?? NO_EDGES,
    identities: () => [...identities].sort(),
  };
}

/**
 * Effective access as the spec defines it, with the paths that justify each (identity, entitlement).
 * Pure: edges and a clock in, grants out. Nesting and delegation cycles end because every path is
 * simple and each pair keeps at most `maxPathsPerGrant` paths.
 */
export function computeEffectiveAccess(input: AccessGraphInput, opts: ComputeOptions): ComputedGrant[] {
  const topology = topologyOf(input);
  return toGrants(computeAccessFor(topology, topology.identities(), opts));
}

/**
 * Effective access of `identityIds`, which must include every identity that delegates to one of them
 * (transitively): delegated access is computed from the delegator's. Under that condition the answer
 * for each identity is exactly what a computation over the whole graph gives it, which is what lets a
 * simulation recompute only the identities a change can reach.
 */
export function computeAccessFor(topology: AccessTopology, identityIds: Iterable<string>, opts: ComputeOptions): AccessPaths {
  const { now, maxPathsPerGrant: limit } = opts;
  const maxDepth = opts.maxGroupDepth ?? 32;
  const wanted = (entitlementId: string) => !opts.only || opts.only.has(entitlementId);
  const members = [...new Set(identityIds)].sort();
  const groupCache = opts.groupCache ?? new Map<string, PathsByTarget>();
  /** Entitlements a group confers, through its own grants and every group it nests into. */
  const entitlementsOfGroup = (groupId: string): PathsByTarget => {
    const cached = groupCache.get(groupId);
    if (cached) return cached;
    const reached: PathsByTarget = new Map([[groupId, [[hop('group', groupId)]]]]);
    let frontier: StoredPath[] = [[hop('group', groupId)]];
    for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
      const next: StoredPath[] = [];
      for (const path of frontier) {
        for (const edge of topology.parentsOfGroup(path[path.length - 1].id)) {
          if (!active(edge, now) || path.some((h) => h.id === edge.to)) continue; // a cycle: stop this path here
          const extended = [...path, hop('group', edge.to, 'MEMBER_OF', edge.expiresAt)];
          if (offer(reached, edge.to, extended, limit)) next.push(extended);
        }
      }
      frontier = next;
    }
    const result: PathsByTarget = new Map();
    for (const [reachedGroup, paths] of reached) {
      for (const grant of topology.grantsOfGroup(reachedGroup)) {
        if (!active(grant, now) || !wanted(grant.to)) continue;
        for (const p of paths) offer(result, grant.to, [...p, hop('entitlement', grant.to, 'GRANTS', grant.expiresAt)], limit);
      }
    }
    groupCache.set(groupId, result);
    return result;
  };

  const effective: AccessPaths = new Map();
  for (const identityId of members) {
    const mine: PathsByTarget = new Map();
    effective.set(identityId, mine);
    for (const accountId of topology.enabledAccountsOf(identityId)) {
      const start = [hop('identity', identityId), hop('account', accountId, 'OWNS')];
      for (const grant of topology.grantsOfAccount(accountId)) {
        if (active(grant, now) && wanted(grant.to)) offer(mine, grant.to, [...start, hop('entitlement', grant.to, 'GRANTS', grant.expiresAt)], limit);
      }
      for (const m of topology.groupsOfAccount(accountId)) {
        if (!active(m, now)) continue;
        // Every path a group confers starts at that group: the membership's hop replaces its first.
        const joined = hop('group', m.to, 'MEMBER_OF', m.expiresAt);
        for (const [entitlementId, paths] of entitlementsOfGroup(m.to)) {
          if (!wanted(entitlementId)) continue;
          for (const p of paths) offer(mine, entitlementId, spliced(start, joined, p), limit);
        }
      }
    }
  }
  propagateDelegations(effective, topology, members, now, limit);
  return effective;
}

/**
 * `head`, then `hop` in place of `tail`'s first hop, then the rest of `tail`: the index build makes
 * one per identity, group path and entitlement (tens of millions at L), where spreading and
 * destructuring went through the iterator protocol for each.
 */
function spliced(head: StoredPath, hop: StoredHop, tail: StoredPath): StoredPath {
  const path = head.slice();
  path.push(hop);
  for (let i = 1; i < tail.length; i++) path.push(tail[i]);
  return path;
}

/** Each active delegation D -> J gives J the part of D's effective access inside its scope, hop by hop. */
function propagateDelegations(effective: AccessPaths, topology: AccessTopology, members: string[], now: string, limit: number): void {
  const queue = members.filter((id) => topology.delegationsFrom(id).length > 0);
  const queued = new Set(queue);
  while (queue.length) {
    const from = queue.shift()!;
    queued.delete(from);
    const source = effective.get(from);
    if (!source) continue;
    for (const d of topology.delegationsFrom(from)) {
      const target = effective.get(d.to);
      if (!target || !active(d, now)) continue; // not asked for (only delegators of a member must be members)
      const everything = d.scope.includes('*');
      const scope = new Set(d.scope);
      let grew = false;
      for (const [entitlementId, paths] of source) {
        if (!everything && !scope.has(entitlementId)) continue;
        for (const p of paths) {
          if (p.some((h) => h.k === 'identity' && h.id === d.to)) continue; // delegation cycle
          const path = spliced([hop('identity', d.to)], hop('identity', p[0].id, 'DELEGATES_TO', d.expiresAt), p);
          if (offer(target, entitlementId, path, limit)) grew = true;
        }
      }
      if (grew && topology.delegationsFrom(d.to).length && !queued.has(d.to)) {
        queue.push(d.to);
        queued.add(d.to);
      }
    }
  }
}

/** One grant from the paths that justify it (sorted shortest first). */
export function grantFrom(identityId: string, entitlementId: string, paths: StoredPath[]): ComputedGrant {
  const sorted = paths.length === 1 ? [paths[0]] : sortPaths(paths);
  const expiries = sorted.map(pathExpiry);
  const activeUntil = expiries.includes(null) ? null : (expiries as string[]).reduce((m, x) => (x > m ? x : m));
  const viaDelegation = sorted.every((p) => p.some((h) => h.e === 'DELEGATES_TO'));
  return { identityId, entitlementId, viaDelegation, activeUntil, paths: sorted };
}

/**
 * Shortest first, then by key (`localeCompare`, which V8 answers faster than an `Intl.Collator` it
 * stands for). A key is made only for a path that ties on length, and once: the comparator made two
 * per comparison (at L about 4M grants).
 */
function sortPaths(paths: StoredPath[]): StoredPath[] {
  const keyed = paths.map((path): { path: StoredPath; key?: string } => ({ path }));
  keyed.sort((a, b) => a.path.length - b.path.length || (a.key ??= pathKey(a.path)).localeCompare((b.key ??= pathKey(b.path))));
  return keyed.map((k) => k.path);
}

export function toGrants(effective: AccessPaths): ComputedGrant[] {
  const out: ComputedGrant[] = [];
  for (const [identityId, byEntitlement] of effective) {
    for (const [entitlementId, paths] of byEntitlement) out.push(grantFrom(identityId, entitlementId, paths));
  }
  return out;
}
