import { z } from 'zod';
import type { KeptRecords } from '../core/kept-records';
import type { BundleBuilder } from '../core/bundle-builder';
import { isoTime } from '../bundle/records';
import type { ScimIds, Tally } from './ids';
import { valueOf } from './keep-rejected';
import type { ScimOptions } from './options';
import { MultiValue, URN, firstIssue, type ScimUser } from './raw-schemas';
import type { Resource } from './resolve';

export interface UserContext {
  ids: ScimIds;
  options: ScimOptions;
  /** SCIM ids of every User in this input: a manager outside it cannot be linked. */
  userIds: Set<string>;
  tally: Tally;
  kept: KeptRecords;
}

const validEmail = z.string().email();

/**
 * A User is an account on the SCIM system; in 'create' mode also the person who owns it. Its
 * roles and entitlements become entitlements granted to the account. `groups` is ignored: it is
 * read-only in SCIM, derived from Group.members, which is the source of truth.
 */
export function mapUser(user: Resource<ScimUser>, ctx: UserContext, b: BundleBuilder): void {
  const v = user.value;
  const { ids, tally } = ctx;
  const id = ids.user(user.id);
  const ent = v[URN.enterprise] ?? undefined;
  const email = primaryEmail(v, tally);
  const createdAt = zoned(v.meta?.created, tally);
  const active = v.active !== false;
  const account = { id, systemId: ids.systemId, username: v.userName ?? undefined, status: active ? 'enabled' : 'disabled', createdAt } as const;

  if (ctx.options.identities === 'create') {
    const manager = ent?.manager?.value;
    const linked = manager !== undefined && manager !== user.id && ctx.userIds.has(manager);
    if (manager !== undefined && !linked) tally.add('a manager that is not another User of this input is kept as attributes.manager');
    const attributes = strings({
      userName: v.userName,
      externalId: v.externalId,
      userType: v.userType,
      employeeNumber: ent?.employeeNumber,
      costCenter: ent?.costCenter,
      organization: ent?.organization,
      division: ent?.division,
      manager: linked ? undefined : manager,
    });
    b.addOnce(
      'identities',
      {
        id,
        kind: 'human',
        displayName: displayNameOf(v, user.id),
        email,
        department: ent?.department ?? undefined,
        title: v.title ?? undefined,
        managerId: linked ? ids.user(manager) : undefined,
        status: active ? 'active' : 'suspended',
        createdAt,
        attributes: Object.keys(attributes).length ? attributes : undefined,
      },
      user.at,
    );
    b.addOnce('accounts', { ...account, identityId: id }, user.at);
  } else {
    b.addOnce('accounts', account, user.at);
    b.hint({ accountId: id, email, employeeNumber: ent?.employeeNumber, username: v.userName ?? undefined });
  }
  grantValues(user, 'roles', ctx, b);
  grantValues(user, 'entitlements', ctx, b);
}

function grantValues(user: Resource<ScimUser>, field: 'roles' | 'entitlements', ctx: UserContext, b: BundleBuilder): void {
  const accountId = ctx.ids.user(user.id);
  (user.value[field] ?? []).forEach((raw, i) => {
    const parsed = MultiValue.safeParse(raw);
    const value = parsed.success ? parsed.data.value?.trim() : undefined;
    if (!parsed.success || !value) {
      const problem = parsed.success ? { field: `${field}[${i}].value`, reason: 'is missing' } : firstIssue(parsed.error, `${field}[${i}]`);
      const reason = `${problem.field}: ${problem.reason}; the user loads without it`;
      // An entry that still has its value names the grant (and the entitlement): both are kept.
      const named = valueOf(raw);
      if (!named) return b.reject(user.at, problem.field, reason, { id: accountId });
      const entitlementId = field === 'roles' ? ctx.ids.role(named) : ctx.ids.entitlement(named);
      b.reject(user.at, problem.field, reason, { holderId: accountId, entitlementId }, 'grants');
      ctx.kept.node('entitlements', entitlementId, user.at, problem.field, `its ${field} entry was rejected (${user.at.file}:${user.at.line})`);
      return;
    }
    const entitlementId = field === 'roles' ? ctx.ids.role(value) : ctx.ids.entitlement(value);
    const name = parsed.data.display?.trim() || value;
    b.addOnce('entitlements', { id: entitlementId, systemId: ctx.ids.systemId, name, kind: field === 'roles' ? 'role' : 'permission' }, user.at);
    b.add('grants', { holderId: accountId, holderType: 'account', entitlementId }, user.at);
  });
}

/** The primary email, else the first; one the bundle schema would refuse is left out, not fatal. */
function primaryEmail(v: ScimUser, tally: Tally): string | undefined {
  const emails = (v.emails ?? []).filter((e) => e.value);
  const chosen = (emails.find((e) => e.primary) ?? emails[0])?.value?.trim();
  if (!chosen) return undefined;
  if (validEmail.safeParse(chosen).success) return chosen;
  tally.add('an email that is not a valid address was left out');
  return undefined;
}

function displayNameOf(v: ScimUser, id: string): string {
  const joined = [v.name?.givenName, v.name?.familyName].filter(Boolean).join(' ');
  return [v.displayName, v.name?.formatted, joined, v.userName, id].find((s) => s && s.trim())!.trim();
}

function zoned(time: string | null | undefined, tally: Tally): string | undefined {
  if (!time) return undefined;
  if (isoTime.safeParse(time).success) return time;
  tally.add('a meta.created without a time zone was left out');
  return undefined;
}

function strings(values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}
