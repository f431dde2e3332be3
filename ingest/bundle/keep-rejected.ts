import type { QueryRunner } from '../../src/store/port';
import type { LoadStamp } from './load';
import { delegationKey } from './delegations-sync';
import { entityOfReject, type Reject } from './reject';

export const KEPT_NODE_FILES = ['identities', 'systems', 'accounts', 'groups', 'entitlements', 'credentials'] as const;
export const KEPT_EDGE_FIELDS = {
  memberships: ['memberId', 'groupId'],
  grants: ['holderId', 'entitlementId'],
  usage: ['accountId', 'entitlementId'],
} as const;
export type KeptNodeFile = (typeof KEPT_NODE_FILES)[number];
export type KeptEdgeFile = keyof typeof KEPT_EDGE_FIELDS;

/** What a full run's rejected records name, by file: node ids and edge ends. */
export interface KeptKeys {
  nodes: Record<KeptNodeFile, string[]>;
  edges: Record<KeptEdgeFile, Array<Record<string, string>>>;
  delegations: Set<string>;
}

/**
 * Before a full run's cleanup: what a rejected record names is kept as it was. A bad line in an
 * export says nothing about whether access was revoked, and dropping it would under-report access.
 * Delegations named by rejected records are kept by leaving them out of the cleanup, not by
 * rewriting them (see delegations-sync.ts).
 */
export function keptKeysOf(rejects: Reject[]): KeptKeys {
  const byFile = new Map<string, Reject[]>();
  for (const r of rejects) {
    const file = entityOfReject(r);
    if (file) byFile.set(file, [...(byFile.get(file) ?? []), r]);
  }
  const nodes = Object.fromEntries(KEPT_NODE_FILES.map((file) => [
    file,
    [...new Set((byFile.get(file) ?? []).map((r) => r.key?.id).filter((id): id is string => Boolean(id)))],
  ])) as KeptKeys['nodes'];
  const edges = Object.fromEntries(Object.entries(KEPT_EDGE_FIELDS).map(([file, fields]) => [
    file,
    (byFile.get(file) ?? [])
      .filter((r) => fields.every((f) => r.key?.[f]))
      .map((r) => Object.fromEntries(fields.map((f) => [f, r.key![f]]))),
  ])) as KeptKeys['edges'];
  const delegations = new Set((byFile.get('delegations') ?? [])
    .filter((r) => r.key?.fromId && r.key?.toId)
    .map((r) => delegationKey({ fromId: r.key!.fromId, toId: r.key!.toId })));
  return { nodes, edges, delegations };
}

/** How many records were kept per file, as a run reports them (`kept.<file>`). */
export function keptCounts(kept: KeptKeys): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [file, ids] of Object.entries(kept.nodes)) if (ids.length) counts[file] = ids.length;
  for (const [file, rows] of Object.entries(kept.edges)) if (rows.length) counts[file] = rows.length;
  if (kept.delegations.size) counts.delegations = kept.delegations.size;
  return counts;
}

export function rejectedDelegationKeys(rejects: Reject[]): Set<string> {
  return keptKeysOf(rejects).delegations;
}

/** Re-stamps what the rejected records name in the live graph, so the cleanup by update tag spares it. */
export async function keepRejected(tx: QueryRunner, rejects: Reject[], stamp: LoadStamp): Promise<Record<string, number>> {
  const kept = keptKeysOf(rejects);
  for (const file of KEPT_NODE_FILES) {
    if (kept.nodes[file].length) await tx.run(`keep/${file}`, { ids: kept.nodes[file], source: stamp.source, tag: stamp.tag });
  }
  for (const file of Object.keys(KEPT_EDGE_FIELDS) as KeptEdgeFile[]) {
    if (kept.edges[file].length) await tx.run(`keep/${file}`, { rows: kept.edges[file], source: stamp.source, tag: stamp.tag });
  }
  return keptCounts(kept);
}
