import type { BundleBuilder, Where } from '../core/bundle-builder';
import { coversService, normaliseAction } from './actions';
import { actionId, type ActionGrants } from './action-entitlements';
import { parseArn } from './arn';
import type { LastSeen } from './emit-principals';
import { applicablePolicies, type IamModel, type Principal } from './model';
import type { LastAccessedPayload } from './payloads';
import { RawServiceAccess } from './raw-schemas';
import { awsTime, later } from './times';
import { checkElement, examples } from './validate';

export interface ServiceUse {
  principal: Principal;
  service: string;
  at: string;
  where: Where;
  /** ACTION_LEVEL reports: `service:Action` -> last time. */
  actions: Map<string, string>;
}

/**
 * `get-service-last-accessed-details` entries, attributed to the user or role their
 * LastAuthenticatedEntity names. A role's last authentication also counts as its last sign-in.
 */
export function readLastAccessed(input: LastAccessedPayload[], model: IamModel, lastSeen: LastSeen, b: BundleBuilder): ServiceUse[] {
  const uses: ServiceUse[] = [];
  const unattributed: string[] = [];
  for (const { payload, entries } of input) {
    entries.forEach((raw, i) => {
      const where = { file: payload.name, line: i + 1 };
      const field = `ServicesLastAccessed[${i}]`;
      const e = checkElement(RawServiceAccess, raw, where, field, b);
      if (!e || !e.LastAuthenticated) return;
      const at = awsTime(e.LastAuthenticated);
      if (!at) return b.reject(where, `${field}.LastAuthenticated`, `'${e.LastAuthenticated}' is not a time`);
      const principal = principalOf(model, e.LastAuthenticatedEntity);
      if (!principal) return void unattributed.push(`${e.ServiceNamespace} by ${e.LastAuthenticatedEntity ?? '(no entity)'}`);
      if (principal.type === 'role') lastSeen.set(principal.id, later(lastSeen.get(principal.id), at)!);
      const actions = new Map<string, string>();
      for (const t of e.TrackedActionsLastAccessed ?? []) {
        const when = awsTime(t.LastAccessedTime);
        if (when) actions.set(normaliseAction(`${e.ServiceNamespace}:${t.ActionName}`), when);
      }
      uses.push({ principal, service: e.ServiceNamespace, at, where, actions });
    });
  }
  if (unattributed.length) {
    b.note(`${unattributed.length} service-last-accessed entry(ies) name no user or role of this export (${examples(unattributed)}): not loaded`);
  }
  return uses;
}

/**
 * Usage for each policy of the principal that allows some action of the used service: the report
 * says a service was used, not through which policy, so every policy that could have allowed it is
 * credited. Action-level entries also credit the matching action entitlement, when one was granted.
 */
export function emitUsage(uses: ServiceUse[], model: IamModel, actionGrants: ActionGrants | null, b: BundleBuilder): void {
  let records = 0;
  const uncovered: string[] = [];
  for (const u of uses) {
    const covering = applicablePolicies(model, u.principal).filter((p) => (p.statements ?? []).some((s) => s.effect === 'Allow' && !s.inert && coversService(s, u.service)));
    for (const p of covering) {
      b.add('usage', { accountId: u.principal.id, entitlementId: p.id, at: u.at }, u.where);
      records++;
    }
    if (!covering.length) uncovered.push(`${u.service} for ${u.principal.type} ${u.principal.name}`);
    const granted = actionGrants?.get(u.principal.id);
    for (const [action, at] of u.actions) {
      const name = granted?.get(action.toLowerCase());
      if (!name) continue;
      b.add('usage', { accountId: u.principal.id, entitlementId: actionId(model, name), at }, u.where);
      records++;
    }
  }
  if (uses.length) {
    b.note(
      `service-last-accessed: ${uses.length} used service(s) gave ${records} usage record(s), credited to every policy of the principal ` +
        `(from LastAuthenticatedEntity) that allows an action of the service` +
        (uncovered.length ? `; ${uncovered.length} name a service none of its policies allow (${examples(uncovered)}), so only the sign-in time is kept` : ''),
    );
  }
}

function principalOf(model: IamModel, entity: string | undefined): Principal | null {
  const arn = entity ? parseArn(entity) : null;
  if (!arn || arn.account !== model.acct || (arn.type !== 'user' && arn.type !== 'role')) return null;
  return (arn.type === 'user' ? model.users : model.roles).get(arn.name.toLowerCase()) ?? null;
}
