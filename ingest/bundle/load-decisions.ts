import type { QueryRunner } from '../../src/store/port';
import type { LoadStamp } from './load';
import type { DecisionRecord } from './records';

const BATCH = 5000;

/**
 * Decisions (a whohas extension, docs/decisions.md) fold to one per identity and entitlement: the
 * latest by `decidedAt` (an undated decision loses to a dated one; among equals the later line wins).
 * A run's decision for a pair replaces the stored one, as a later export states the current stance.
 */
export function foldDecisions(decisions: DecisionRecord[]): DecisionRecord[] {
  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) {
    const key = `${d.identityId}\u0000${d.entitlementId}`;
    const prior = latest.get(key);
    if (!prior || (d.decidedAt ?? '') >= (prior.decidedAt ?? '')) latest.set(key, d);
  }
  return [...latest.values()];
}

export const decisionRow = (d: DecisionRecord) => ({
  identityId: d.identityId,
  entitlementId: d.entitlementId,
  outcome: d.outcome,
  kind: d.kind,
  decidedAt: d.decidedAt ?? null,
  decidedBy: d.decidedBy ?? null,
  reason: d.reason ?? null,
});

export async function loadDecisions(tx: QueryRunner, decisions: DecisionRecord[], stamp: LoadStamp): Promise<void> {
  const rows = foldDecisions(decisions).map(decisionRow);
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.run('upsert/decisions', { rows: rows.slice(i, i + BATCH), source: stamp.source, tag: stamp.tag });
  }
}
