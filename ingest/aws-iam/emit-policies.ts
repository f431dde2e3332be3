import type { BundleBuilder } from '../core/bundle-builder';
import type { IamModel } from './model';
import type { RiskRules } from './risk';
import { examples } from './validate';

/** Managed and inline policies as permission entitlements, flagged from their own documents. */
export function emitPolicies(model: IamModel, rules: RiskRules, b: BundleBuilder): void {
  const flagged: string[] = [];
  const constrained: string[] = [];
  const inert: string[] = [];
  for (const p of model.policies.values()) {
    b.addOnce(
      'entitlements',
      {
        id: p.id,
        systemId: model.systemId,
        name: p.name,
        kind: 'permission',
        privileged: p.risk?.privileged,
        sensitivity: p.risk?.sensitivity,
        description: p.description,
      },
      p.at,
    );
    const dead = (p.statements ?? []).find((s) => s.inert);
    if (dead) inert.push(`${p.name}: ${dead.inert}`);
    if (!p.risk?.privileged) continue;
    flagged.push(p.name);
    const risky = p.risk.actions;
    const narrowed = (p.statements ?? []).filter((s) => s.effect === 'Allow' && !s.inert && (s.conditional || s.notResources || !(s.resources ?? []).includes('*')));
    if (narrowed.length && risky.length) constrained.push(p.name);
  }
  const rule = rules.fromLists
    ? `an Allow of an action in the privilege-escalation / credentials-exposure lists${rules.privileged.size ? ` (${rules.privileged.size} actions)` : ''}, or of a wildcard covering one`
    : "only a full wildcard ('*', 'iam:*', 'sts:*', 'organizations:*'): no riskyActions lists were given, so single actions such as iam:PassRole are not flagged";
  b.note(`privileged policies: ${flagged.length} of ${model.policies.size} (${examples(flagged)}); rule: ${rule}. Allow * on * is critical`);
  if (constrained.length) {
    b.note(
      `${constrained.length} privileged policy(ies) narrow some Allow statements by Resource or Condition (${examples(constrained)}); ` +
        'those are not evaluated, so such a policy is flagged whether or not the constraint makes it harmless',
    );
  }
  if (inert.length) b.note(`${inert.length} policy(ies) have Allow statements that can never apply, ignored for privilege and access: ${examples(inert)}`);
  for (const n of rules.listNotes) b.note(n);
}
