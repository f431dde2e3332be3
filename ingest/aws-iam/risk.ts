import type { Payload } from '../core/connector';
import { ActionIndex } from './action-index';
import { coversWholeService, isAdminAllow, isConcrete, remember, unconstrained } from './actions';
import type { Statement } from './policy-document';

/** Payload names of the risky-action lists, so `transform` can tell them from IAM exports. */
export const RISKY_PREFIX = 'riskyActions/';

/** Services whose full wildcard is privileged even without lists: they administer identities themselves. */
const FALLBACK_SERVICES = ['iam', 'sts', 'organizations'];

export interface RiskRules {
  fromLists: boolean;
  /** The run's clock, for conditions that can no longer be met. */
  now: Date;
  /** Lower-cased action -> preferred spelling; privilege escalation, credential exposure and extras. */
  privileged: Map<string, string>;
  /** Permissions-management and resource-policy actions: sensitive, not privileged on their own. */
  exposure: Map<string, string>;
  /** Both lists, for asking which of their actions a statement allows. */
  index: ActionIndex;
  listNotes: string[];
}

export interface PolicyRisk {
  privileged: boolean;
  sensitivity?: 'critical' | 'high' | 'medium';
  /** The privileged actions (or service wildcards) the policy allows, for notes and tests. */
  actions: string[];
}

export function riskRules(lists: Payload[], extra: string[], now: Date): RiskRules {
  const privileged = new Map<string, string>();
  const exposure = new Map<string, string>();
  const listNotes: string[] = [];
  for (const list of lists) {
    const target = /resource-(exposure|policies)/i.test(list.name) ? exposure : privileged;
    let bad = 0;
    for (const raw of list.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (isConcrete(line)) remember(target, line);
      else bad++;
    }
    if (bad) listNotes.push(`${list.name}: ${bad} line(s) are not 'service:Action' and were ignored`);
  }
  for (const action of extra) remember(privileged, action);
  const index = new ActionIndex(new Map([...exposure, ...privileged]));
  return { fromLists: lists.length > 0, now, privileged, exposure, index, listNotes };
}

/**
 * How dangerous one policy is on its own. Resource and Condition are not evaluated: an Allow of a
 * risky action counts even when narrowed. Deny statements of the same document that apply to every
 * resource without condition do cancel what they name; Denies in other policies are the
 * principal's business (emit-principals.ts denyAll, action-entitlements.ts).
 */
export function assessPolicy(statements: Statement[], rules: RiskRules): PolicyRisk {
  const allows = statements.filter((s) => s.effect === 'Allow' && !s.inert);
  const denies = statements.filter((s) => s.effect === 'Deny' && unconstrained(s));
  const allowedSet = new Set(allows.flatMap((s) => [...rules.index.covered(s)]));
  const deniedSet = new Set(denies.flatMap((s) => [...rules.index.covered(s)]));
  const allowed = (lower: string) => allowedSet.has(lower) && !deniedSet.has(lower);
  const actions = [...rules.privileged.keys()].filter(allowed).map((k) => rules.privileged.get(k)!);
  if (!rules.fromLists) {
    for (const svc of FALLBACK_SERVICES) {
      if (allows.some((s) => coversWholeService(s, svc)) && !denies.some((s) => coversWholeService(s, svc))) actions.push(`${svc}:*`);
    }
  }
  const admin = allows.some(isAdminAllow) && !statements.some((s) => s.effect === 'Deny');
  const privileged = admin || actions.length > 0;
  const exposed = !privileged && [...rules.exposure.keys()].some(allowed);
  return {
    privileged,
    sensitivity: admin ? 'critical' : privileged ? 'high' : exposed ? 'medium' : undefined,
    actions: admin && !actions.length ? ['*'] : actions,
  };
}
