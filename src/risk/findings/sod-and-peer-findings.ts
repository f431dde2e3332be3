import type { OutlierEntry } from '../../peers/outliers';
import type { SodEvaluation } from '../../sod/sod-service';
import { findingId, type Finding } from '../finding';
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

export function peerOutlierFindings(data: RiskData, ranked: OutlierEntry[], t: RiskThresholds): Finding[] {
  const out: Finding[] = [];
  for (const o of ranked) {
    if (o.outlierScore < t.peerOutlierMinScore) break; // ranked highest first
    const e = data.entitlements.get(o.entitlementId);
    out.push({
      id: findingId('PEER_OUTLIER', o.identityId, o.entitlementId),
      code: 'PEER_OUTLIER',
      severity: e?.privileged ? 'high' : 'medium',
      ...placed(data, o.identityId),
      subjectType: 'entitlement',
      subjectId: o.entitlementId,
      systemIds: e?.systemId ? [e.systemId] : [],
      reason:
        `${nameOf(data, o.identityId)} holds ${e?.privileged ? 'privileged ' : ''}${e?.name ?? o.entitlementId}, which its peers rarely hold ` +
        `(outlier score ${o.outlierScore.toFixed(2)}; see accessRecommendation for the peer evidence).`,
      evidence: [o.identityId, o.entitlementId],
    });
  }
  return out;
}
