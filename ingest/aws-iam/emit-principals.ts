import type { BundleBuilder } from '../core/bundle-builder';
import { unconstrained } from './actions';
import { applicablePolicies, type IamModel, type Principal } from './model';
import type { AwsIamOptions } from './options';
import { examples } from './validate';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_TAGS = new Set(['email', 'mail', 'emailaddress', 'e-mail']);
const EMPLOYEE_TAGS = new Set(['employeenumber', 'employeeid', 'employee_number', 'employee_id', 'employeeno']);

/** Sign-in times gathered from the credential report (users) and last-used data (roles). */
export type LastSeen = Map<string, string>;

/**
 * Users, groups and roles with their memberships and policy grants. Roles are both a service
 * identity and the account it acts through; ownerId is left out, as nothing in IAM says who owns a role.
 */
export function emitPrincipals(model: IamModel, options: AwsIamOptions, lastSeen: LastSeen, b: BundleBuilder): void {
  const disabled: string[] = [];
  for (const g of model.groups.values()) {
    b.addOnce('groups', { id: g.id, systemId: model.systemId, name: g.name, kind: 'group', description: g.arn }, g.at);
    for (const entitlementId of g.policies) b.add('grants', { holderId: g.id, holderType: 'group', entitlementId }, g.at);
  }
  for (const p of [...model.users.values(), ...model.roles.values()]) {
    const blocker = denyAll(model, p);
    if (blocker) disabled.push(`${p.type} ${p.name} (${blocker})`);
    const tags = tagsOf(p);
    const attributes = { ...(p.arn ? { arn: p.arn } : {}), ...tags };
    const email = p.type === 'user' ? emailOf(p.name, tags) : undefined;
    const owned = p.type === 'role' || options.identities === 'create';
    if (owned) {
      b.addOnce(
        'identities',
        {
          id: p.id,
          kind: p.type === 'role' ? 'service' : 'human',
          displayName: p.name,
          email,
          status: 'active',
          purpose: p.role?.Description || undefined,
          createdAt: p.createdAt,
          attributes: Object.keys(attributes).length ? attributes : undefined,
        },
        p.at,
      );
    } else {
      b.hint({ accountId: p.id, username: p.name, email, employeeNumber: tagValue(tags, EMPLOYEE_TAGS) });
    }
    b.addOnce(
      'accounts',
      {
        id: p.id,
        systemId: model.systemId,
        identityId: owned ? p.id : undefined,
        username: p.name,
        status: blocker ? 'disabled' : 'enabled',
        createdAt: p.createdAt,
        lastLoginAt: lastSeen.get(p.id),
      },
      p.at,
    );
    for (const entitlementId of p.policies) b.add('grants', { holderId: p.id, holderType: 'account', entitlementId }, p.at);
    for (const group of p.groups) {
      const known = model.groups.get(group.toLowerCase());
      b.add('memberships', { memberId: p.id, memberType: 'account', groupId: known?.id ?? `aws:${model.acct}:group/${group}` }, p.at);
    }
  }
  if (disabled.length) {
    b.note(
      `${disabled.length} principal(s) have an attached policy that denies every action on every resource without condition ` +
        `(${examples(disabled)}): their accounts are loaded as disabled, so their Allow grants confer nothing, as in AWS`,
    );
  }
}

/** The name of a policy that shuts a principal out entirely (AWS's quarantine pattern), if any. */
export function denyAll(model: IamModel, p: Principal): string | null {
  for (const policy of applicablePolicies(model, p)) {
    if ((policy.statements ?? []).some((s) => s.effect === 'Deny' && unconstrained(s) && (s.actions ?? []).includes('*'))) return policy.name;
  }
  return null;
}

function tagsOf(p: Principal): Record<string, string> {
  const tags = (p.user ?? p.role)?.Tags ?? [];
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

function tagValue(tags: Record<string, string>, keys: Set<string>): string | undefined {
  for (const [k, v] of Object.entries(tags)) if (keys.has(k.toLowerCase()) && v.trim()) return v.trim();
  return undefined;
}

function emailOf(name: string, tags: Record<string, string>): string | undefined {
  const tagged = tagValue(tags, EMAIL_TAGS);
  if (tagged && EMAIL.test(tagged)) return tagged;
  return EMAIL.test(name) ? name : undefined;
}
