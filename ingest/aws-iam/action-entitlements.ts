import type { BundleBuilder } from '../core/bundle-builder';
import { ActionIndex } from './action-index';
import { isConcrete, remember, unconstrained } from './actions';
import { applicablePolicies, statementsOf, type IamModel } from './model';
import type { RiskRules } from './risk';

/** Principal id -> lower-cased action -> its spelling in ids. */
export type ActionGrants = Map<string, Map<string, string>>;

export function actionId(model: IamModel, action: string): string {
  return `aws:${model.acct}:action/${action}`;
}

/**
 * One entitlement per IAM action a user or role may perform. AWS has thousands of actions and the
 * export does not list them, so wildcards are expanded only against a bounded set: the actions of
 * the risk lists plus every action some statement of this export names explicitly. `s3:*` thus
 * yields the s3 actions that appear somewhere, not all of S3.
 */
export function emitActionEntitlements(model: IamModel, rules: RiskRules, b: BundleBuilder): ActionGrants {
  const universe = new Map<string, string>();
  for (const a of [...rules.privileged.values(), ...rules.exposure.values()]) remember(universe, a);
  const fromRules = universe.size;
  for (const p of model.policies.values()) {
    for (const s of p.statements ?? []) for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) if (isConcrete(a)) remember(universe, a);
  }
  const index = new ActionIndex(universe);
  const grants: ActionGrants = new Map();
  let edges = 0;
  for (const principal of [...model.users.values(), ...model.roles.values()]) {
    const statements = statementsOf(applicablePolicies(model, principal));
    const allows = statements.filter((s) => s.effect === 'Allow' && !s.inert);
    if (!allows.length) continue;
    // Denies of any policy of the principal count here: unlike a shared policy entitlement, these
    // grants belong to one principal, so they can show the net effect.
    const denied = new Set(statements.filter((s) => s.effect === 'Deny' && unconstrained(s)).flatMap((s) => [...index.covered(s)]));
    const allowed = new Set(allows.flatMap((s) => [...index.covered(s)]));
    const held = new Map<string, string>();
    for (const lower of [...allowed].sort()) {
      if (denied.has(lower)) continue;
      const action = universe.get(lower)!;
      held.set(lower, action);
      const privileged = rules.privileged.has(lower);
      const sensitivity = privileged ? 'high' : rules.exposure.has(lower) ? 'medium' : undefined;
      const id = actionId(model, action);
      b.addOnce('entitlements', { id, systemId: model.systemId, name: action, kind: 'permission', privileged, sensitivity, description: `IAM action ${action}` }, principal.at);
      b.add('grants', { holderId: principal.id, holderType: 'account', entitlementId: id }, principal.at);
      edges++;
    }
    grants.set(principal.id, held);
  }
  b.note(
    `action entitlements: ${edges} grant(s) over ${universe.size} known action(s) (${fromRules} from the risk lists, the rest named explicitly in statements); ` +
      'wildcards and NotAction are expanded against those only; granted to each user/role account directly (a user\'s include its groups\' policies), ' +
      "minus its Denies that apply to every resource without condition; Resource and Condition of Allows are not evaluated",
  );
  return grants;
}
