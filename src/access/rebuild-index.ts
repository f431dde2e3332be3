import { z } from 'zod';
import { Interner } from '../interner';
import type { QueryRunner } from '../store/port';
import { encodePaths } from './path-codec';
import { computeAccessFor, toGrants, topologyOf, type AccessGraphInput, type PathsByTarget, type TimedEdge } from './compute-access';
import { delegationChunks } from './chunks';

const EdgeRow = z.object({ from: z.string(), to: z.string(), expiresAt: z.string().nullable() });
const nullableString = z.string().nullable().optional().transform((v) => v ?? null);

async function edges(tx: QueryRunner, query: string, from: string, to: string, ids: Interner): Promise<TimedEdge[]> {
  const rows = await tx.run(query, {});
  return rows.map((r) => {
    const edge = EdgeRow.parse({ from: r[from], to: r[to], expiresAt: r.expiresAt ?? null });
    return { from: ids.of(edge.from), to: ids.of(edge.to), expiresAt: edge.expiresAt ?? null };
  });
}

/** The memberships and grants among the index's input: a caller that just wrote them may hand them over. */
export type AccessGraphEdges = Pick<AccessGraphInput, 'accountMemberships' | 'groupMemberships' | 'accountGrants' | 'groupGrants'>;

/**
 * Reads every edge that can confer access, inside the caller's transaction; memberships and grants
 * only when `known` does not give them. Ids are interned (`ids`, shared with the caller's other
 * reads): each row brings its own copy of both ends, and at L the 3M edges' copies were most of the
 * index phase's heap.
 */
export async function readAccessGraph(tx: QueryRunner, ids = new Interner(), known?: AccessGraphEdges): Promise<AccessGraphInput> {
  const owned = await tx.run('access/owned-accounts', { enabledStatus: 'enabled' });
  const delegations = await tx.run('access/delegations', {});
  return {
    ownedAccounts: owned.map((r) => ({ identityId: ids.of(String(r.identityId)), accountId: ids.of(String(r.accountId)) })),
    accountMemberships: known?.accountMemberships ?? (await edges(tx, 'access/account-memberships', 'memberId', 'groupId', ids)),
    groupMemberships: known?.groupMemberships ?? (await edges(tx, 'access/group-memberships', 'memberId', 'groupId', ids)),
    accountGrants: known?.accountGrants ?? (await edges(tx, 'access/account-grants', 'holderId', 'entitlementId', ids)),
    groupGrants: known?.groupGrants ?? (await edges(tx, 'access/group-grants', 'holderId', 'entitlementId', ids)),
    delegations: delegations.map((r) => ({
      from: ids.of(String(r.fromId)),
      to: ids.of(String(r.toId)),
      expiresAt: nullableString.parse(r.expiresAt),
      scope: z.array(z.string()).parse(r.scope),
    })),
  };
}

interface PairUsage {
  lastUsedAt: string | null;
  useCount: number;
}

/** Usage per identity, then entitlement, by interned ids: at L 966k pairs, where a joined key per pair cost about 150 MB. */
async function readUsage(tx: QueryRunner, ids: Interner): Promise<Map<string, Map<string, PairUsage>>> {
  const usage = new Map<string, Map<string, PairUsage>>();
  for (const r of await tx.run('access/usage-by-identity', {})) {
    const identityId = ids.of(String(r.identityId));
    let mine = usage.get(identityId);
    if (!mine) usage.set(identityId, (mine = new Map()));
    mine.set(ids.of(String(r.entitlementId)), { lastUsedAt: r.lastUsedAt == null ? null : String(r.lastUsedAt), useCount: Number(r.useCount ?? 0) });
  }
  return usage;
}

const BATCH = 10000;

/** Where an index rebuild's time goes: reading the graph (and clearing the old index), computing grants and their rows, writing them. */
export interface IndexTimings {
  read: number;
  compute: number;
  write: number;
}

export interface IndexRow {
  identityId: string;
  entitlementId: string;
  viaDelegation: boolean;
  activeUntil: string | null;
  lastUsedAt: string | null;
  useCount: number;
  /** The key of this pair's AccessGrant node. */
  grantId: number;
  paths: string;
}
/**
 * Identities computed at a time: the grants of one chunk (with their paths) are in memory at once,
 * not the whole index's (530k grants at M, about 3.5M expected at L).
 */
export const INDEX_CHUNK = 5000;

/**
 * Rebuilds the effective-access index (HAS_ACCESS) from the graph as it stands in `tx`. Done inside
 * the ingest transaction so the index and the graph never disagree, and reverse questions
 * (who has X) are an index lookup instead of a variable-length traversal.
 */
export async function rebuildAccessIndex(
  tx: QueryRunner,
  opts: {
    now: string;
    maxPathsPerGrant: number;
    chunkSize?: number;
    /** Where the grant rows go; default: `access/index-insert` in `tx` (a rebuild bulk-loads them instead). */
    write?: (rows: IndexRow[]) => Promise<void>;
    /** The memberships and grants in `tx`, when the caller holds them (a new generation staged them); else read. */
    edges?: () => AccessGraphEdges;
  },
): Promise<{ grants: number; identities: number; timingsMs: IndexTimings }> {
  const timingsMs: IndexTimings = { read: 0, compute: 0, write: 0 };
  let mark = Date.now();
  const lap = (part: keyof IndexTimings) => {
    const t = Date.now();
    timingsMs[part] += t - mark;
    mark = t;
  };
  const ids = new Interner();
  const graph = await readAccessGraph(tx, ids, opts.edges?.());
  const topology = topologyOf(graph);
  const usage = await readUsage(tx, ids);
  let grantId = Number((await tx.run('access/grants-next-id', {}))[0]?.next ?? 0);
  await tx.run('access/index-clear', {});
  await tx.run('access/index-clear-grants', {});
  lap('read');
  const compute = { now: opts.now, maxPathsPerGrant: opts.maxPathsPerGrant, groupCache: new Map<string, PathsByTarget>() };
  let total = 0;
  let holders = 0;
  for (const chunk of delegationChunks(topology.identities(), graph.delegations, opts.chunkSize ?? INDEX_CHUNK)) {
    const grants = toGrants(computeAccessFor(topology, chunk, compute));
    lap('compute');
    total += grants.length;
    holders += new Set(grants.map((g) => g.identityId)).size;
    for (let i = 0; i < grants.length; i += BATCH) {
      const rows = grants.slice(i, i + BATCH).map((g): IndexRow => {
        const used = usage.get(g.identityId)?.get(g.entitlementId);
        return {
          identityId: g.identityId,
          entitlementId: g.entitlementId,
          viaDelegation: g.viaDelegation,
          activeUntil: g.activeUntil,
          lastUsedAt: used?.lastUsedAt ?? null,
          useCount: used?.useCount ?? 0,
          grantId: grantId++,
          paths: encodePaths(g.identityId, g.entitlementId, g.paths),
        };
      });
      lap('compute');
      if (opts.write) await opts.write(rows);
      else await tx.run('access/index-insert', { rows });
      lap('write');
    }
  }
  return { grants: total, identities: holders, timingsMs };
}
