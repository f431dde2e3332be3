import { coverage, policyRules, type Rule } from './iam-policy';
import { isObj, str, type Obj } from './fields';

/** A policy an account holds, under the entitlement id the AWS IAM connector gives it. */
export interface HeldPolicy {
  entitlementId: string;
  rules: Rule[];
}

/** Per AWS account: each whohas account id (user or role) -> the policies it holds, directly or via groups. */
export type IamIndex = Map<string, Map<string, HeldPolicy[]>>;

export function isIamExport(value: unknown): value is Obj {
  return isObj(value) && ['UserDetailList', 'RoleDetailList', 'GroupDetailList'].some((k) => Array.isArray(value[k]));
}

/**
 * Adds one `get-account-authorization-details` document to `index`. Returns what the user should
 * know (policies whose document is missing cannot be matched and are left out).
 */
export function indexIamExport(doc: Obj, name: string, index: IamIndex): string[] {
  const notes: string[] = [];
  const account = exportAccount(doc);
  if (!account) return [`IAM export ${name}: no account id in its ARNs; not used for attribution`];
  const managed = managedDocuments(doc);
  const missing = new Set<string>();
  const attached = (entry: Obj): HeldPolicy[] =>
    items(entry.AttachedManagedPolicies).flatMap((p) => {
      const policyName = str(p.PolicyName);
      if (!policyName) return [];
      const rules = managed.get(str(p.PolicyArn) ?? '') ?? managedByName(managed, policyName);
      if (!rules) {
        missing.add(policyName);
        return [];
      }
      return [{ entitlementId: `aws:${account}:policy/${policyName}`, rules }];
    });
  const inline = (entry: Obj, list: string, kind: string, principal: string): HeldPolicy[] =>
    items(entry[list]).flatMap((p) => {
      const rules = policyRules(p.PolicyDocument);
      const policyName = str(p.PolicyName);
      return rules && policyName ? [{ entitlementId: `aws:${account}:inline/${kind}/${principal}/${policyName}`, rules }] : [];
    });

  const groups = new Map<string, HeldPolicy[]>();
  for (const g of items(doc.GroupDetailList)) {
    const groupName = str(g.GroupName);
    if (groupName) groups.set(groupName, [...inline(g, 'GroupPolicyList', 'group', groupName), ...attached(g)]);
  }
  const principals = index.get(account) ?? new Map<string, HeldPolicy[]>();
  index.set(account, principals);
  for (const u of items(doc.UserDetailList)) {
    const userName = str(u.UserName);
    if (!userName) continue;
    const viaGroups = (Array.isArray(u.GroupList) ? u.GroupList : []).flatMap((g) => groups.get(String(g)) ?? []);
    principals.set(`aws:${account}:user/${userName}`, [...inline(u, 'UserPolicyList', 'user', userName), ...attached(u), ...viaGroups]);
  }
  for (const r of items(doc.RoleDetailList)) {
    const roleName = str(r.RoleName);
    if (roleName) principals.set(`aws:${account}:role/${roleName}`, [...inline(r, 'RolePolicyList', 'role', roleName), ...attached(r)]);
  }
  if (missing.size) {
    notes.push(`IAM export ${name}: ${missing.size} attached managed policies have no document in the export and are not matched (${[...missing].sort().join(', ')})`);
  }
  return notes;
}

/**
 * The policies of `held` that allow `action`: `narrowest` keeps only the most specific (ties all
 * count: either would have sufficed), `every` keeps all, narrowest first. An unconditional Deny
 * means the export says the call could not have been allowed, so nothing is attributed.
 */
export function coveringPolicies(held: HeldPolicy[], action: string, keep: 'narrowest' | 'every' = 'narrowest'): { denied: boolean; entitlements: string[] } {
  const scores = new Map<string, number>();
  for (const policy of held) {
    for (const rule of policy.rules) {
      const score = coverage(rule, action);
      if (score < 0) continue;
      if (rule.effect === 'Deny') {
        if (rule.unconditional) return { denied: true, entitlements: [] };
        continue;
      }
      scores.set(policy.entitlementId, Math.max(score, scores.get(policy.entitlementId) ?? -1));
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const best = ranked[0]?.[1];
  return { denied: false, entitlements: ranked.filter(([, s]) => keep === 'every' || s === best).map(([id]) => id) };
}

function items(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : [];
}

/** Managed policy documents by ARN: the default version's. */
function managedDocuments(doc: Obj): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const p of items(doc.Policies)) {
    const versions = items(p.PolicyVersionList);
    const current = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
    const rules = current ? policyRules(current.Document) : null;
    const arn = str(p.Arn);
    if (arn && rules) out.set(arn, rules);
  }
  return out;
}

function managedByName(managed: Map<string, Rule[]>, policyName: string): Rule[] | undefined {
  for (const [arn, rules] of managed) if (arn.endsWith(`/${policyName}`)) return rules;
  return undefined;
}

/**
 * The export's AWS account: the most frequent account in its user, group, role and customer policy
 * ARNs (AWS-managed policy ARNs say `aws`, and sanitised exports sometimes do too).
 */
function exportAccount(doc: Obj): string | null {
  const counts = new Map<string, number>();
  for (const list of ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']) {
    for (const e of items(doc[list])) {
      const m = /^arn:aws[a-z-]*:iam::([^:]+):/.exec(str(e.Arn) ?? '');
      if (m && m[1] !== 'aws') counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? null;
}
