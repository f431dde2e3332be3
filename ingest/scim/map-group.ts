import type { BundleBuilder } from '../core/bundle-builder';
import type { Kind } from './classify';
import type { ScimIds, Tally } from './ids';
import type { ScimOptions } from './options';
import { membershipOf } from './keep-rejected';
import { Member, firstIssue, type ScimGroup } from './raw-schemas';
import type { Resource } from './resolve';

export interface GroupContext {
  ids: ScimIds;
  options: ScimOptions;
  userIds: Set<string>;
  groupIds: Set<string>;
  tally: Tally;
}

/**
 * A Group and its members. Members are Users (accounts) or nested Groups; a member that dangles
 * is left to the shared reference check, which rejects it with the group's file and line.
 */
export function mapGroup(group: Resource<ScimGroup>, ctx: GroupContext, b: BundleBuilder): void {
  const { ids } = ctx;
  const id = ids.group(group.id);
  const name = group.value.displayName!.trim() || group.id;
  b.addOnce('groups', { id, systemId: ids.systemId, name, kind: 'group' }, group.at);
  if (ctx.options.groupEntitlements) {
    // SCIM groups carry no rights of their own; the provider gives them meaning. Granting "member
    // of <group>" makes membership, also through nesting, visible as access.
    b.addOnce('entitlements', { id, systemId: ids.systemId, name, kind: 'role', description: `member of SCIM group ${name}` }, group.at);
    b.add('grants', { holderId: id, holderType: 'group', entitlementId: id }, group.at);
  }
  (group.value.members ?? []).forEach((raw, i) => {
    const parsed = Member.safeParse(raw);
    const value = parsed.success ? parsed.data.value?.trim() : undefined;
    if (!parsed.success || !value) {
      const problem = parsed.success ? { field: `members[${i}].value`, reason: 'is missing' } : firstIssue(parsed.error, `members[${i}]`);
      // An entry that still tells who the member is names that membership, so a full run keeps it.
      const membership = membershipOf(raw, id, ctx);
      b.reject(group.at, problem.field, `${problem.field}: ${problem.reason}; the group loads without this member`, membership ?? { id }, membership ? 'memberships' : undefined);
      return;
    }
    const kind = memberKind(parsed.data, value, ctx);
    if (typeof kind === 'object') {
      // Which member it is cannot be told (an unknown type, an id of both kinds): nothing to name.
      b.reject(group.at, `members[${i}]`, kind.reason, { id });
      return;
    }
    b.add(
      'memberships',
      kind === 'User' ? { memberId: ids.user(value), memberType: 'account', groupId: id } : { memberId: ids.group(value), memberType: 'group', groupId: id },
      group.at,
    );
  });
}

/** `type` when given; else which id set the value is in; else the `$ref` path; else a User (the common case). */
export function memberKind(m: { type?: string | null; $ref?: string | null }, value: string, ctx: GroupContext): Kind | { reason: string } {
  if (m.type) {
    const t = m.type.toLowerCase();
    if (t === 'user') return 'User';
    if (t === 'group') return 'Group';
    return { reason: `member type '${m.type}' is neither User nor Group` };
  }
  const inUsers = ctx.userIds.has(value);
  const inGroups = ctx.groupIds.has(value);
  if (inUsers !== inGroups) return inUsers ? 'User' : 'Group';
  const ref = m.$ref ? (/\/Groups\/[^/]+\/?$/.test(m.$ref) ? 'Group' : /\/Users\/[^/]+\/?$/.test(m.$ref) ? 'User' : null) : null;
  if (ref) return ref;
  if (inUsers) return { reason: `member '${value}' is both a User and a Group id here and has no type or $ref to tell which` };
  ctx.tally.add('a group member with no type, no $ref and no id in this input was taken to be a User');
  return 'User';
}
