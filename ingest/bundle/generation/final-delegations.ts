import type { Row } from '../../../src/store/port';
import { delegationKey, sameDelegation, storedForm, type StoredDelegation } from '../delegations-sync';
import type { LoadStamp } from '../load';
import type { DelegationRecord } from '../records';
import type { FinalRows } from './final-rows';

const stored = (r: Row): StoredDelegation => ({
  fromId: String(r.fromId),
  toId: String(r.toId),
  scope: (r.scope as string[] | null) ?? null,
  grantedAt: (r.grantedAt as string | null) ?? null,
  expiresAt: (r.expiresAt as string | null) ?? null,
  purpose: (r.purpose as string | null) ?? null,
});

/**
 * Delegations after a full run, as delegations-sync.ts leaves them in the live graph: an unchanged
 * delegation keeps its stored row (and update tag), a new or changed one takes the run's, and this
 * source's others are removed unless a rejected record names them.
 */
export function finalDelegations(run: DelegationRecord[], live: Row[], stamp: LoadStamp, keptKeys: Set<string>): FinalRows {
  const liveByKey = new Map(live.map((l) => [delegationKey(stored(l)), l]));
  const supplied = new Map<string, Row>();
  for (const r of run) {
    const row = storedForm(r);
    const key = delegationKey(row);
    const prior = liveByKey.get(key);
    const unchanged = prior && prior.source === stamp.source && sameDelegation(stored(prior), row);
    supplied.set(key, unchanged ? prior : { ...row, source: stamp.source, updateTag: stamp.tag });
  }
  const rows = [...supplied.values()];
  let removed = 0;
  for (const [key, l] of liveByKey) {
    if (supplied.has(key)) continue;
    if (l.source !== stamp.source || keptKeys.has(key)) rows.push(l);
    else removed++;
  }
  return { rows, removed };
}
