import type { QueryRunner } from '../../src/store/port';
import type { LoadStamp } from './load';
import { delegationKey } from './delegations-sync';
import { entityOfReject, type Reject } from './reject';

const NODE_FILES = ['identities', 'systems', 'accounts', 'groups', 'entitlements', 'credentials'] as const;
const EDGE_FILES: Record<string, string[]> = {
  memberships: ['memberId', 'groupId'],
  grants: ['holderId', 'entitlementId'],
  usage: ['accountId', 'entitlementId'],
};

/**
 * Before a full run's cleanup: what a rejected record names is kept as it was. A bad line in an
 * export says nothing about whether access was revoked, and dropping it would under-report access.
 * Returns how many records were kept per file.
 */
/**
 * Delegations named by rejected records: kept by leaving them out of the cleanup, not by rewriting
 * them (see delegations-sync.ts).
 */
export function rejectedDelegationKeys(rejects: Reject[]): Set<string> {
  return new Set(rejects
    .filter((r) => entityOfReject(r) === 'delegations' && r.key?.fromId && r.key?.toId)
    .map((r) => delegationKey({ fromId: r.key!.fromId, toId: r.key!.toId })));
}

export async function keepRejected(tx: QueryRunner, rejects: Reject[], stamp: LoadStamp): Promise<Record<string, number>> {
  const kept: Record<string, number> = {};
  const byFile = new Map<string, Reject[]>();
  for (const r of rejects) {
    const file = entityOfReject(r);
    if (!file) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), r]);
  }
  for (const file of NODE_FILES) {
    const ids = [...new Set((byFile.get(file) ?? []).map((r) => r.key?.id).filter((id): id is string => Boolean(id)))];
    if (!ids.length) continue;
    await tx.run(`keep/${file}`, { ids, source: stamp.source, tag: stamp.tag });
    kept[file] = ids.length;
  }
  for (const [file, fields] of Object.entries(EDGE_FILES)) {
    const rows = (byFile.get(file) ?? [])
      .filter((r) => fields.every((f) => r.key?.[f]))
      .map((r) => Object.fromEntries(fields.map((f) => [f, r.key![f]])));
    if (!rows.length) continue;
    await tx.run(`keep/${file}`, { rows, source: stamp.source, tag: stamp.tag });
    kept[file] = rows.length;
  }
  const delegations = rejectedDelegationKeys(rejects).size;
  if (delegations) kept.delegations = delegations;
  return kept;
}
