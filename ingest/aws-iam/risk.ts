import type { Payload } from '../core/connector';
import { coversWholeService, covers, isAdminAllow, isConcrete, normaliseAction, unconstrained } from './actions';
import type { Statement } from './policy-document';

/** Payload names of the risky-action lists, so `transform` can tell them from IAM exports. */
export const RISKY_PREFIX = 'riskyActions/';

/** Services whose full wildcard is privileged even without lists: they administer identities themselves. */
const FALLBACK_SERVICES = ['iam', 'sts', 'organizations'];

export interface RiskRules {
  fromLists: boolean;
  /** Lower-cased action -> preferred spelling; privilege escalation, credential exposure and extras. */
  privileged: Map<string, string>;
  /** Permissions-management and resource-policy actions: sensitive, not privileged on their own. */
  exposure: Map<string, string>;
  listNotes: string[];
}

export interface PolicyRisk {
  privileged: boolean;
  sensitivity?: 'critical' | 'high' | 'medium';
  /** The privileged actions (or service wildcards) the policy allows, for notes and tests. */
  actions: string[];
}

export function riskRules(lists: Payload[], extra: string[]): RiskRules {
  const rules: RiskRules = { fromLists: lists.length > 0, privileged: new Map(), exposure: new Map(), listNotes: [] };
  for (const list of lists) {
    const target = /resource-(exposure|policies)/i.test(list.name) ? rules.exposure : rules.privileged;
    let bad = 0;
    for (const raw of list.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (isConcrete(line)) remember(target, line);
      else bad++;
    }
    if (bad) rules.listNotes.push(`${list.name}: ${bad} line(s) are not 'service:Action' and were ignored`);
  }
  for (const action of extra) remember(rules.privileged, action);
  return rules;
}

/** Lists disagree on case (`iam:CreateAccessKey` vs `iam:createaccesskey`); AWS's own casing wins. */
function remember(map: Map<string, string>, action: string): void {
  const key = action.toLowerCase();
  const had = map.get(key);
  if (!had || (!/:[A-Z]/.test(had) && /:[A-Z]/.test(action))) map.set(key, normaliseAction(action));
}

/**
 * How dangerous one policy is on its own. Resource and Condition are not evaluated: an Allow of a
 * risky action counts even when narrowed. Deny statements of the same document that apply to every
 * resource without condition do cancel what they name; Denies in other policies are the
 * principal's business (see principal-denies.ts).
 */
export function assessPolicy(statements: Statement[], rules: RiskRules): PolicyRisk {
  const allows = statements.filter((s) => s.effect === 'Allow');
  const denies = statements.filter((s) => s.effect === 'Deny' && unconstrained(s));
  const allowed = (action: string) => allows.some((s) => covers(s, action)) && !denies.some((s) => covers(s, action));
  const actions = [...rules.privileged.values()].filter(allowed);
  if (!rules.fromLists) {
    for (const svc of FALLBACK_SERVICES) {
      if (allows.some((s) => coversWholeService(s, svc)) && !denies.some((s) => coversWholeService(s, svc))) actions.push(`${svc}:*`);
    }
  }
  const admin = allows.some(isAdminAllow) && !statements.some((s) => s.effect === 'Deny');
  const privileged = admin || actions.length > 0;
  const exposed = !privileged && [...rules.exposure.values()].some(allowed);
  return {
    privileged,
    sensitivity: admin ? 'critical' : privileged ? 'high' : exposed ? 'medium' : undefined,
    actions: admin && !actions.length ? ['*'] : actions,
  };
}
