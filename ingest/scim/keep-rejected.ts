import type { KeptRecords } from '../core/kept-records';
import { isObject } from './classify';
import { Tally } from './ids';
import { memberKind, type GroupContext } from './map-group';
import type { RejectedResource } from './resolve';

/** A multi-valued attribute's `value`, as a good entry would give it (strings and numbers), else nothing. */
export function valueOf(entry: unknown): string | undefined {
  const v = isObject(entry) ? entry.value : undefined;
  const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return text || undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The membership a member entry states, read leniently; null when it does not tell which kind of member. */
export function membershipOf(entry: unknown, groupId: string, ctx: GroupContext): { memberId: string; groupId: string } | null {
  const value = valueOf(entry);
  if (!value) return null;
  const m = isObject(entry) ? entry : {};
  // A scratch tally: guesses made while naming what to keep are not this run's findings.
  const kind = memberKind({ type: text(m.type), $ref: text(m.$ref) }, value, { ...ctx, tally: new Tally() });
  if (typeof kind === 'object') return null;
  return { memberId: kind === 'User' ? ctx.ids.user(value) : ctx.ids.group(value), groupId };
}

/**
 * A User or Group rejected as a whole: its reject names the account or group. What else it would
 * have given is kept too, as far as the raw resource still says: the person (identities: create),
 * a user's role and entitlement grants, a group's membership entitlement and its members.
 */
export function keepRejectedResources(rejected: RejectedResource[], ctx: GroupContext, kept: KeptRecords): void {
  const { ids, options } = ctx;
  for (const r of rejected) {
    const cause = `the ${r.kind} was rejected (${r.at.file}:${r.at.line})`;
    if (r.kind === 'User') {
      const accountId = ids.user(r.id);
      if (options.identities === 'create') kept.node('identities', accountId, r.at, r.field, cause);
      for (const field of ['roles', 'entitlements'] as const) {
        for (const entry of Array.isArray(r.raw[field]) ? r.raw[field] : []) {
          const value = valueOf(entry);
          if (!value) continue;
          const entitlementId = field === 'roles' ? ids.role(value) : ids.entitlement(value);
          kept.node('entitlements', entitlementId, r.at, r.field, cause);
          kept.grant(accountId, entitlementId, r.at, r.field, cause);
        }
      }
      continue;
    }
    const groupId = ids.group(r.id);
    if (options.groupEntitlements) {
      kept.node('entitlements', groupId, r.at, r.field, cause);
      kept.grant(groupId, groupId, r.at, r.field, cause);
    }
    for (const entry of Array.isArray(r.raw.members) ? r.raw.members : []) {
      const m = membershipOf(entry, groupId, ctx);
      if (m) kept.edge('memberships', m.memberId, m.groupId, r.at, r.field, cause);
    }
  }
}
