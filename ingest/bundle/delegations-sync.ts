import { z } from 'zod';
import type { QueryRunner } from '../../src/store/port';
import type { DelegationRecord } from './records';
import type { LoadStamp } from './load';

/**
 * Delegations are written only when new or changed, and a full run removes the stale ones by key
 * rather than by update tag. kuzu 0.11.3 fails an internal assertion (csr_node_group.cpp:411) on
 * the third run that rewrites the same DELEGATES_TO edges, even when only their update tag changes
 * (test/reingest-stability.test.ts); scheduled jobs re-ingest the same export again and again.
 */
const StoredDelegation = z.object({
  fromId: z.string(),
  toId: z.string(),
  scope: z.array(z.string()).nullable(),
  grantedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  purpose: z.string().nullable(),
});
export type StoredDelegation = z.infer<typeof StoredDelegation>;

export interface DelegationSync {
  /** What this source held before this run, by key. */
  before: Map<string, StoredDelegation>;
  /** Keys this run supplied (written or found unchanged). */
  supplied: Set<string>;
}

export const delegationKey = (d: { fromId: string; toId: string }): string => `${d.fromId}\u0000${d.toId}`;

/** The stored form of a bundle record: every field present, absent ones null. */
export function storedForm(d: DelegationRecord): StoredDelegation {
  return { fromId: d.fromId, toId: d.toId, scope: d.scope, grantedAt: d.grantedAt ?? null, expiresAt: d.expiresAt ?? null, purpose: d.purpose ?? null };
}

export function sameDelegation(a: StoredDelegation, b: StoredDelegation): boolean {
  const scopeA = a.scope ?? [];
  const scopeB = b.scope ?? [];
  return a.grantedAt === b.grantedAt && a.expiresAt === b.expiresAt && a.purpose === b.purpose &&
    scopeA.length === scopeB.length && scopeA.every((s, i) => s === scopeB[i]);
}

/** The records to write: new ones, and those whose values differ from what this source stored. */
export function delegationsToWrite(records: DelegationRecord[], before: Map<string, StoredDelegation>): StoredDelegation[] {
  const out = new Map<string, StoredDelegation>();
  for (const r of records) {
    const row = storedForm(r);
    const prior = before.get(delegationKey(row));
    if (!prior || !sameDelegation(prior, row)) out.set(delegationKey(row), row);
  }
  return [...out.values()];
}

export async function readDelegationsOfSource(tx: QueryRunner, source: string): Promise<Map<string, StoredDelegation>> {
  const rows = await tx.run('ingest/delegations-of-source', { source });
  return new Map(rows.map((r) => StoredDelegation.parse(r)).map((d) => [delegationKey(d), d]));
}

export async function loadDelegations(tx: QueryRunner, records: DelegationRecord[], stamp: LoadStamp, batch: number): Promise<DelegationSync> {
  const before = await readDelegationsOfSource(tx, stamp.source);
  const rows = delegationsToWrite(records, before);
  for (let i = 0; i < rows.length; i += batch) {
    await tx.run('upsert/delegations', { rows: rows.slice(i, i + batch), source: stamp.source, tag: stamp.tag });
  }
  return { before, supplied: new Set(records.map(delegationKey)) };
}

/** After a full run: what this source held before and neither supplied now nor named in a rejected record. */
export async function removeStaleDelegations(tx: QueryRunner, sync: DelegationSync, keptKeys: Set<string>, stamp: LoadStamp, batch: number): Promise<number> {
  const stale = [...sync.before.values()]
    .filter((d) => !sync.supplied.has(delegationKey(d)) && !keptKeys.has(delegationKey(d)))
    .map((d) => ({ fromId: d.fromId, toId: d.toId }));
  let removed = 0;
  for (let i = 0; i < stale.length; i += batch) {
    const rows = await tx.run('ingest/delegations-remove', { rows: stale.slice(i, i + batch), source: stamp.source });
    removed += Number(rows[0]?.removed ?? 0);
  }
  return removed;
}
