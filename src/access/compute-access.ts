import { pathExpiry, pathKey, type StoredHop, type StoredPath } from './path';

export interface TimedEdge {
  from: string;
  to: string;
  expiresAt: string | null;
}

export interface AccessGraphInput {
  /** Enabled accounts with their owning identity. */
  ownedAccounts: Array<{ identityId: string; accountId: string }>;
  accountMemberships: TimedEdge[];
  groupMemberships: TimedEdge[];
  accountGrants: TimedEdge[];
  groupGrants: TimedEdge[];
  delegations: Array<TimedEdge & { scope: string[] }>;
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
}

type PathsByTarget = Map<string, StoredPath[]>;

function adjacency(edges: TimedEdge[], now: string): Map<string, TimedEdge[]> {
  const out = new Map<string, TimedEdge[]>();
  for (const e of edges) {
    if (e.expiresAt !== null && e.expiresAt <= now) continue; // expired edges confer nothing
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  return out;
}

const hop = (k: StoredHop['k'], id: string, e?: StoredHop['e'], x?: string | null): StoredHop =>
  x ? { k, id, e, x } : e ? { k, id, e } : { k, id };

/** Adds a path unless it is a duplicate or the target already holds the shortest `limit` paths. */
function offer(map: PathsByTarget, target: string, path: StoredPath, limit: number): boolean {
  const list = map.get(target);
  if (!list) {
    map.set(target, [path]);
    return true;
  }
  if (list.length >= limit) return false;
  const key = pathKey(path);
  if (list.some((p) => pathKey(p) === key)) return false;
  list.push(path);
  return true;
}

/**
 * Effective access as the spec defines it, with the paths that justify each (identity, entitlement).
 * Pure: edges and a clock in, grants out. Nesting and delegation cycles end because every path is
 * simple and each pair keeps at most `maxPathsPerGrant` paths, shortest first.
 */
export function computeEffectiveAccess(input: AccessGraphInput, opts: ComputeOptions): ComputedGrant[] {
  const { now, maxPathsPerGrant: limit } = opts;
  const maxDepth = opts.maxGroupDepth ?? 32;
  const parents = adjacency(input.groupMemberships, now);
  const groupGrants = adjacency(input.groupGrants, now);
  const accountGroups = adjacency(input.accountMemberships, now);
  const accountGrants = adjacency(input.accountGrants, now);

  const groupCache = new Map<string, PathsByTarget>();
  /** Entitlements a group confers, through its own grants and every group it nests into. */
  const entitlementsOfGroup = (groupId: string): PathsByTarget => {
    const cached = groupCache.get(groupId);
    if (cached) return cached;
    const reached: PathsByTarget = new Map([[groupId, [[hop('group', groupId)]]]]);
    let frontier: StoredPath[] = [[hop('group', groupId)]];
    for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
      const next: StoredPath[] = [];
      for (const path of frontier) {
        const tail = path[path.length - 1].id;
        for (const edge of parents.get(tail) ?? []) {
          if (path.some((h) => h.id === edge.to)) continue; // a cycle: stop this path here
          const extended = [...path, hop('group', edge.to, 'MEMBER_OF', edge.expiresAt)];
          if (offer(reached, edge.to, extended, limit)) next.push(extended);
        }
      }
      frontier = next;
    }
    const result: PathsByTarget = new Map();
    for (const [reachedGroup, paths] of reached) {
      for (const grant of groupGrants.get(reachedGroup) ?? []) {
        for (const p of paths) offer(result, grant.to, [...p, hop('entitlement', grant.to, 'GRANTS', grant.expiresAt)], limit);
      }
    }
    groupCache.set(groupId, result);
    return result;
  };

  const effective = new Map<string, PathsByTarget>();
  for (const { identityId, accountId } of input.ownedAccounts) {
    const mine = effective.get(identityId) ?? new Map();
    effective.set(identityId, mine);
    const start = [hop('identity', identityId), hop('account', accountId, 'OWNS')];
    for (const grant of accountGrants.get(accountId) ?? []) {
      offer(mine, grant.to, [...start, hop('entitlement', grant.to, 'GRANTS', grant.expiresAt)], limit);
    }
    for (const m of accountGroups.get(accountId) ?? []) {
      for (const [entitlementId, paths] of entitlementsOfGroup(m.to)) {
        for (const p of paths) {
          const [first, ...rest] = p;
          offer(mine, entitlementId, [...start, hop('group', first.id, 'MEMBER_OF', m.expiresAt), ...rest], limit);
        }
      }
    }
  }

  propagateDelegations(effective, adjacency(input.delegations, now) as Map<string, Array<TimedEdge & { scope: string[] }>>, limit);
  return toGrants(effective);
}

/** Each active delegation D -> J gives J the part of D's effective access inside its scope, hop by hop. */
function propagateDelegations(
  effective: Map<string, PathsByTarget>,
  delegations: Map<string, Array<TimedEdge & { scope: string[] }>>,
  limit: number,
): void {
  const queue = [...delegations.keys()].filter((id) => effective.has(id));
  const queued = new Set(queue);
  while (queue.length) {
    const from = queue.shift()!;
    queued.delete(from);
    const source = effective.get(from);
    if (!source) continue;
    for (const d of delegations.get(from) ?? []) {
      const everything = d.scope.includes('*');
      const scope = new Set(d.scope);
      const target = effective.get(d.to) ?? new Map<string, StoredPath[]>();
      effective.set(d.to, target);
      let grew = false;
      for (const [entitlementId, paths] of source) {
        if (!everything && !scope.has(entitlementId)) continue;
        for (const p of paths) {
          if (p.some((h) => h.k === 'identity' && h.id === d.to)) continue; // delegation cycle
          const [first, ...rest] = p;
          const path = [hop('identity', d.to), hop('identity', first.id, 'DELEGATES_TO', d.expiresAt), ...rest];
          if (offer(target, entitlementId, path, limit)) grew = true;
        }
      }
      if (grew && delegations.has(d.to) && !queued.has(d.to)) {
        queue.push(d.to);
        queued.add(d.to);
      }
    }
  }
}

function toGrants(effective: Map<string, PathsByTarget>): ComputedGrant[] {
  const out: ComputedGrant[] = [];
  for (const [identityId, byEntitlement] of effective) {
    for (const [entitlementId, paths] of byEntitlement) {
      paths.sort((a, b) => a.length - b.length || pathKey(a).localeCompare(pathKey(b)));
      const expiries = paths.map(pathExpiry);
      const activeUntil = expiries.includes(null) ? null : (expiries as string[]).reduce((m, x) => (x > m ? x : m));
      const viaDelegation = paths.every((p) => p.some((h) => h.e === 'DELEGATES_TO'));
      out.push({ identityId, entitlementId, viaDelegation, activeUntil, paths });
    }
  }
  return out;
}
