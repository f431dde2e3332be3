import type { EntitlementFacts } from '../../sod/selectors';
import { dayOf, findingId, type Finding } from '../finding';
import { fillByPrivilege, PairRun, type RiskRanks } from '../finding-runs';
import type { RiskData } from '../risk-data';
import { daysBefore, type RiskThresholds } from '../thresholds';
import { nameOf, placed, systemName } from './place';

/**
 * Held but not used for `unusedEntitlementDays`, by the usage the systems report. Left out: access
 * held only by delegation (usage is recorded per account, so a delegate's use of it cannot be seen),
 * systems that report no usage at all, and terminated identities (their own finding says more).
 * The most numerous finding (3.2M at L): held as columns, each pair keeping its last use in epoch ms.
 */
export async function unusedEntitlements(data: RiskData, t: RiskThresholds, ranks: RiskRanks): Promise<PairRun[]> {
  const cutoff = Date.parse(daysBefore(data.now, t.unusedEntitlementDays));
  const make = (privileged: boolean) => (identityId: string, e: EntitlementFacts, lastUsedMs: number): Finding => {
    const code = privileged ? 'UNUSED_PRIVILEGED_ENTITLEMENT' : 'UNUSED_ENTITLEMENT';
    const lastUsedAt = Number.isNaN(lastUsedMs) ? null : new Date(lastUsedMs).toISOString();
    return {
      id: findingId(code, identityId, e.id),
      code,
      severity: privileged ? 'high' : 'low',
      ...placed(data, identityId),
      subjectType: 'entitlement',
      subjectId: e.id,
      systemIds: e.systemId ? [e.systemId] : [],
      reason:
        `${nameOf(data, identityId)} holds ${privileged ? 'privileged ' : ''}${e.name} on ${systemName(data, e.systemId)} ` +
        (lastUsedAt ? `but last used it on ${dayOf(lastUsedAt)}, more than ${t.unusedEntitlementDays} days ago.` : 'and has never used it.'),
      evidence: [identityId, e.id],
    };
  };
  const privileged = new PairRun('UNUSED_PRIVILEGED_ENTITLEMENT', 'high', ranks, make(true));
  const plain = new PairRun('UNUSED_ENTITLEMENT', 'low', ranks, make(false));
  await fillByPrivilege(ranks, { privileged, plain }, (identityId, add) => {
    const held = data.access.get(identityId);
    if (!held || data.identities.get(identityId)!.status === 'terminated') return;
    for (let k = 0; k < held.length; k++) {
      // A never-used pair's last use is NaN, never at or past the cutoff.
      if (held.viaDelegation(k) || held.lastUsedMs(k) >= cutoff) continue;
      const rank = ranks.rankOfEntitlement(held.entitlementId(k));
      if (rank === undefined) continue;
      const e = ranks.entitlements[rank];
      if (!e.systemId || !data.systemsWithUsage.has(e.systemId)) continue;
      if (!e.privileged && t.unusedEntitlementScope === 'privileged') continue;
      add(rank, held.lastUsedMs(k));
    }
  });
  return [privileged, plain];
}
