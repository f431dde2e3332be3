import type { KuzuStore } from '../src/store/kuzu-store';
import type { QueryRunner } from '../src/store/port';
import type { NaiveBaseline, NaiveFigure } from './naive';
import { timed } from './stats';

/**
 * The naive what-if the simulate figures are compared with: in a write transaction that is always
 * rolled back, read the affected identities' access by variable-length walks, delete the edge, and
 * read it again. Nothing is ever committed.
 */
class RolledBack extends Error {}

async function whatIf(store: KuzuStore, change: (tx: QueryRunner) => Promise<unknown>, read: (tx: QueryRunner) => Promise<boolean>) {
  let ok = false;
  const { ms } = await timed(async () => {
    try {
      await store.write(async (tx) => {
        if (!(await read(tx))) throw new RolledBack();
        await change(tx);
        ok = await read(tx);
        throw new RolledBack();
      });
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
    }
  });
  return ok ? ms : null;
}

export async function naiveMembershipWhatIf(
  store: KuzuStore, naive: NaiveBaseline, removals: Array<{ identityId: string; memberId: string; groupId: string }>,
): Promise<NaiveFigure> {
  const times: number[] = [];
  for (const r of removals) {
    const ms = await whatIf(store, removeMembership(r), async (tx) => (await naive.once('bench/naive-access-of-identity', { identityId: r.identityId }, tx)) !== null);
    if (ms === null) return naive.result(times, 1);
    times.push(ms);
  }
  return naive.result(times, 0);
}

export async function naiveDetachWhatIf(store: KuzuStore, naive: NaiveBaseline, change: { memberId: string; groupId: string }): Promise<NaiveFigure> {
  const ms = await whatIf(store, removeMembership(change), async (tx) => (await naive.once('bench/naive-access-below-group', { groupId: change.memberId }, tx)) !== null);
  // Two reads: the bound when one is interrupted is at least one limit.
  return ms === null ? naive.result([], 1) : naive.result([ms], 0);
}

/** A group stops granting an entitlement: everyone below the group is read before and after. */
export async function naiveUngrantWhatIf(store: KuzuStore, naive: NaiveBaseline, change: { holderId: string; entitlementId: string }): Promise<NaiveFigure> {
  const remove = (tx: QueryRunner) => tx.run('bench/naive-remove-grant', { groupId: change.holderId, entitlementId: change.entitlementId });
  const ms = await whatIf(store, remove, async (tx) => (await naive.once('bench/naive-access-below-group', { groupId: change.holderId }, tx)) !== null);
  return ms === null ? naive.result([], 1) : naive.result([ms], 0);
}

const removeMembership = (change: { memberId: string; groupId: string }) => (tx: QueryRunner) =>
  tx.run('bench/naive-remove-membership', { memberId: change.memberId, groupId: change.groupId });
