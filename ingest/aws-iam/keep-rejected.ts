import type { KeptRecords } from '../core/kept-records';
import type { IamModel } from './model';
import { principalsOf } from './model';
import type { AwsIamOptions } from './options';
import { readDocument } from './policy-document';
import { trustees } from './trust';

const INLINE = { user: 'UserPolicyList', group: 'GroupPolicyList', role: 'RolePolicyList' } as const;

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const get = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);

/**
 * A user, group or role element rejected as a whole: its reject names the account or group. What
 * else it would have given is kept too, as far as the raw element still says: a user's or role's
 * identity, its managed and inline policy grants (inline policies are its own entitlements), a
 * user's group memberships, a role's trust delegations.
 */
export function keepRejectedPrincipals(model: IamModel, options: AwsIamOptions, kept: KeptRecords): void {
  for (const r of model.rejected.values()) {
    // A later element of the same name loaded: that one is the principal now.
    if (principalsOf(model, r.type).has(r.name.toLowerCase())) continue;
    const cause = `${r.type} ${r.name} was rejected (${r.at.file}:${r.at.line})`;
    const keep = { at: r.at, field: r.field };
    if (r.type === 'role' || (r.type === 'user' && options.identities === 'create')) kept.node('identities', r.id, keep.at, keep.field, cause);
    for (const a of listOf(r.raw.AttachedManagedPolicies)) {
      const arn = text(get(a, 'PolicyArn'));
      const name = text(get(a, 'PolicyName'));
      const id = (arn && model.policyIdByArn.get(arn)) ?? (name ? `aws:${model.acct}:policy/${name}` : undefined);
      if (id) kept.grant(r.id, id, keep.at, keep.field, cause);
    }
    for (const pol of listOf(r.raw[INLINE[r.type]])) {
      const name = text(get(pol, 'PolicyName'));
      if (!name) continue;
      const id = `aws:${model.acct}:inline/${r.type}/${r.name}/${name}`;
      kept.node('entitlements', id, keep.at, keep.field, cause);
      kept.grant(r.id, id, keep.at, keep.field, cause);
    }
    if (r.type === 'user') {
      for (const g of listOf(r.raw.GroupList)) {
        const name = text(g);
        if (name) kept.edge('memberships', r.id, model.groups.get(name.toLowerCase())?.id ?? `aws:${model.acct}:group/${name}`, keep.at, keep.field, cause);
      }
    }
    if (r.type === 'role' && r.raw.AssumeRolePolicyDocument !== undefined) {
      let statements;
      try {
        statements = readDocument(r.raw.AssumeRolePolicyDocument);
      } catch {
        continue;
      }
      for (const t of trustees(model, options, statements, r)) kept.delegation(r.id, t.id, keep.at, keep.field, cause);
    }
  }
}
