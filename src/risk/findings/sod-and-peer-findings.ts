import type { PeerModel } from '../../peers/model';
import { outliersOf } from '../../peers/outliers';
import type { EntitlementFacts } from '../../sod/selectors';
import type { SodEvaluation } from '../../sod/sod-service';
import { findingId, type Finding } from '../finding';
import { fillByPrivilege, PairRun, type RiskRanks } from '../finding-runs';
import type { RiskData } from '../risk-data';
import type { RiskThresholds } from '../thresholds';
import { nameOf, placed } from './place';

/** Open violations only: a mitigation in force is an accepted risk, listed by sodViolations(includeMitigated). */
export function sodFindings(data: RiskData, ev: SodEvaluation | null): Finding[] {
  if (!ev) return [];
  const rules = new Map(ev.rules.map((r) => [r.rule.id, r.rule]));
  return ev.violations
    .filter((v) => !v.mitigation && data.identities.has(v.identityId))
    .map((v): Finding => {
      const rule = rules.get(v.ruleId)!;
      const sides = [...v.left, ...v.right];
      const entitlements = [...new Set(sides.map((h) => h.entitlementId))];
      const through = [...new Set(sides.map((h) => h.holderId).filter((h) => h !== v.identityId))].sort();
      const names = (list: typeof v.left) => [...new Set(list.map((h) => data.entitlements.get(h.entitlementId)?.name ?? h.entitlementId))].join(', ');
      return {
        id: findingId('SOD_VIOLATION', v.ruleId, v.identityId),
        code: 'SOD_VIOLATION',
        severity: rule.severity,
        ...placed(data, v.identityId),
        subjectType: 'rule',
        subjectId: v.ruleId,
        systemIds: [...new Set(entitlements.flatMap((e) => data.entitlements.get(e)?.systemId ?? []))].sort(),
        reason:
          `${nameOf(data, v.identityId)} holds both sides of rule ${v.ruleId} (${rule.name}): ${names(v.left)} and ${names(v.right)}` +
          (through.length ? `, through ${through.join(', ')} which they control.` : '.'),
        evidence: [v.ruleId, v.identityId, ...entitlements, ...through],
      };
    });
}

/**
 * Held access the identity's peers rarely hold, at or above `peerOutlierMinScore` (2.5M at L): held as
 * columns by severity, each pair keeping its outlier score. Pairs of identities or entitlements
 * missing from the risk data (the peer model read another graph version) are left out.
 */
export async function peerOutlierFindings(data: RiskData, model: PeerModel, t: RiskThresholds, ranks: RiskRanks): Promise<PairRun[]> {
  const make = (identityId: string, e: EntitlementFacts, outlierScore: number): Finding => ({
    id: findingId('PEER_OUTLIER', identityId, e.id),
    code: 'PEER_OUTLIER',
    severity: e.privileged ? 'high' : 'medium',
    ...placed(data, identityId),
    subjectType: 'entitlement',
    subjectId: e.id,
    systemIds: e.systemId ? [e.systemId] : [],
    reason:
      `${nameOf(data, identityId)} holds ${e.privileged ? 'privileged ' : ''}${e.name}, which its peers rarely hold ` +
      `(outlier score ${outlierScore.toFixed(2)}; see accessRecommendation for the peer evidence).`,
    evidence: [identityId, e.id],
  });
  const high = new PairRun('PEER_OUTLIER', 'high', ranks, make);
  const medium = new PairRun('PEER_OUTLIER', 'medium', ranks, make);
  await fillByPrivilege(ranks, { privileged: high, plain: medium }, (identityId, add) => {
    for (const o of outliersOf(model, identityId, t.peerOutlierMinScore)) {
      const rank = ranks.rankOfEntitlement(o.entitlementId);
      if (rank !== undefined) add(rank, o.outlierScore);
    }
  });
  return [high, medium];
}
