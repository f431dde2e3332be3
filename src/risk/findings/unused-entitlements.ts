import { dayOf, findingId, type Finding } from '../finding';
import type { RiskData } from '../risk-data';
import { daysBefore, type RiskThresholds } from '../thresholds';
import { nameOf, placed, systemName } from './place';

/**
 * Held but not used for `unusedEntitlementDays`, by the usage the systems report. Left out: access
 * held only by delegation (usage is recorded per account, so a delegate's use of it cannot be seen),
 * systems that report no usage at all, and terminated identities (their own finding says more).
 */
export function unusedEntitlements(data: RiskData, t: RiskThresholds): Finding[] {
  const cutoff = daysBefore(data.now, t.unusedEntitlementDays);
  const out: Finding[] = [];
  for (const [identityId, held] of data.access) {
    const identity = data.identities.get(identityId);
    if (!identity || identity.status === 'terminated') continue;
    for (const h of held) {
      if (h.viaDelegation || (h.lastUsedAt !== null && h.lastUsedAt >= cutoff)) continue;
      const e = data.entitlements.get(h.entitlementId);
      if (!e?.systemId || !data.systemsWithUsage.has(e.systemId)) continue;
      if (!e.privileged && t.unusedEntitlementScope === 'privileged') continue;
      const code = e.privileged ? 'UNUSED_PRIVILEGED_ENTITLEMENT' : 'UNUSED_ENTITLEMENT';
      out.push({
        id: findingId(code, identityId, e.id),
        code,
        severity: e.privileged ? 'high' : 'low',
        ...placed(data, identityId),
        subjectType: 'entitlement',
        subjectId: e.id,
        systemIds: [e.systemId],
        reason:
          `${nameOf(data, identityId)} holds ${e.privileged ? 'privileged ' : ''}${e.name} on ${systemName(data, e.systemId)} ` +
          (h.lastUsedAt ? `but last used it on ${dayOf(h.lastUsedAt)}, more than ${t.unusedEntitlementDays} days ago.` : 'and has never used it.'),
        evidence: [identityId, e.id],
      });
    }
  }
  return out;
}
