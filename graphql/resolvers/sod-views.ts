import type { SideHolding, Violation } from '../../src/sod/evaluate';
import type { Mitigation } from '../../src/sod/rules';
import type { RuleSet } from '../../src/sod/rules';
import type { ResolvedRule } from '../../src/sod/selectors';
import type { SodMitigation, SodRule, SodRuleSet, SodSideHolding, SodViolation } from '../types/sod.type';

export function toMitigation(m: Mitigation | null): SodMitigation | null {
  return m ? { identityId: m.identity, reason: m.reason, approver: m.approver, expiry: m.expiry ?? null } : null;
}

export function toRule(r: ResolvedRule): SodRule {
  return {
    id: r.rule.id,
    name: r.rule.name,
    severity: r.rule.severity,
    description: r.rule.description ?? null,
    leftEntitlementIds: [...r.left].sort(),
    rightEntitlementIds: [...r.right].sort(),
    mitigations: r.rule.mitigations.map((m) => toMitigation(m)!),
  };
}

export function toRuleSet(set: RuleSet, resolved: ResolvedRule[]): SodRuleSet {
  return { version: set.version, loadedAt: set.loadedAt, rules: resolved.map(toRule) };
}

function toHolding(h: SideHolding): SodSideHolding {
  return { entitlementId: h.entitlementId, holderId: h.holderId, viaControl: h.controlChain.length > 0, holding: h };
}

export function toViolation(v: Violation, rules: Map<string, SodRule>): SodViolation {
  return {
    rule: rules.get(v.ruleId)!,
    identityId: v.identityId,
    kind: v.kind,
    left: v.left.map(toHolding),
    right: v.right.map(toHolding),
    mitigated: v.mitigation !== null,
    mitigation: toMitigation(v.mitigation),
    expiredMitigation: toMitigation(v.expiredMitigation),
  };
}
