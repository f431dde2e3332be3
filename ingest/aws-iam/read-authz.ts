import type { BundleBuilder, Where } from '../core/bundle-builder';
import { parseArn } from './arn';
import type { IamModel, PolicyEntitlement, Principal, PrincipalType } from './model';
import { principalId, principalsOf } from './model';
import type { AuthzPayload } from './payloads';
import { markInert } from './inert';
import { readDocument, type Statement } from './policy-document';
import { RawGroup, RawPolicy, RawRole, RawUser, type RawAttached, type RawInline } from './raw-schemas';
import { assessPolicy, type RiskRules } from './risk';
import { awsTime } from './times';
import { checkElement, examples } from './validate';

const LISTS = { user: 'UserDetailList', group: 'GroupDetailList', role: 'RoleDetailList' } as const;
const INLINE = { user: 'UserPolicyList', group: 'GroupPolicyList', role: 'RolePolicyList' } as const;

/** The authorization details, every payload of them, into the model: policies first so attachments resolve. */
export function readAuthz(input: AuthzPayload[], model: IamModel, rules: RiskRules, b: BundleBuilder): void {
  const byArn = model.policyIdByArn;
  for (const { payload, lists } of input) {
    lists.Policies.forEach((raw, i) => readPolicy(raw, { file: payload.name, line: i + 1 }, `Policies[${i}]`, model, rules, byArn, b));
  }
  const missing: string[] = [];
  const attach = (p: Principal, list: RawAttached[] | undefined) => {
    for (const a of list ?? []) {
      let id = byArn.get(a.PolicyArn);
      if (!id) {
        id = `aws:${model.acct}:policy/${a.PolicyName}`;
        // A rejected policy is kept as loaded before, not replaced by a placeholder without its flags.
        if (!model.policies.has(id) && !model.rejectedPolicies.has(id)) {
          model.policies.set(id, { id, name: a.PolicyName, description: a.PolicyArn, statements: null, at: p.at });
          missing.push(a.PolicyName);
        }
        byArn.set(a.PolicyArn, id);
      }
      p.policies.push(id);
    }
  };
  const inline = (p: Principal, list: RawInline[] | undefined, key: string) => {
    (list ?? []).forEach((pol, j) => {
      const id = `aws:${model.acct}:inline/${p.type}/${p.name}/${pol.PolicyName}`;
      const statements = statementsOrReject(pol.PolicyDocument, p.at, `${p.field}.${key}[${j}].PolicyDocument`, `inline policy '${pol.PolicyName}'`, b);
      const description = `inline policy of ${p.type} ${p.arn ?? p.name}`;
      model.policies.set(id, withRisk({ id, name: pol.PolicyName, description, statements, at: p.at }, rules));
      p.policies.push(id);
    });
  };
  for (const type of ['group', 'user', 'role'] as const) {
    for (const { payload, lists } of input) {
      lists[LISTS[type]].forEach((raw, i) => {
        const p = readPrincipal(type, raw, { file: payload.name, line: i + 1 }, `${LISTS[type]}[${i}]`, model, b);
        if (!p) return;
        attach(p, p.parsed.AttachedManagedPolicies as RawAttached[] | undefined);
        inline(p, p.parsed[INLINE[type]] as RawInline[] | undefined, INLINE[type]);
      });
    }
  }
  if (missing.length) {
    b.note(`${missing.length} attached managed policy(ies) have no document in the export (${examples(missing)}): loaded as entitlements without privileged/sensitivity`);
  }
}

function readPolicy(raw: unknown, at: Where, field: string, model: IamModel, rules: RiskRules, byArn: Map<string, string>, b: BundleBuilder): void {
  const { PolicyName: name, Arn: arn } = (raw ?? {}) as { PolicyName?: unknown; Arn?: unknown };
  const guess = typeof name === 'string' && name ? `aws:${model.acct}:policy/${name}` : undefined;
  const onReject = () => {
    // Attachments of the rejected policy still grant it, by ARN or by name.
    model.rejectedPolicies.add(guess!);
    if (typeof arn === 'string' && arn && !byArn.has(arn)) byArn.set(arn, guess!);
  };
  const policy = checkElement(RawPolicy, raw, at, field, b, guess ? { id: guess, entity: 'entitlements', onReject } : undefined);
  if (!policy) return;
  const id = `aws:${model.acct}:policy/${policy.PolicyName}`;
  const first = model.policies.get(id);
  if (first) {
    // Ids are by name, so an AWS-managed and a customer-managed policy of one name cannot both load.
    // No entity: the first of the name loads this very id.
    b.reject(at, `${field}.PolicyName`, `policy name '${policy.PolicyName}' is also used by ${first.description} (${first.at.file}:${first.at.line}); ids are by name`, { id });
    return;
  }
  const versions = policy.PolicyVersionList ?? [];
  const current =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => v.VersionId && v.VersionId === policy.DefaultVersionId) ??
    (versions.length === 1 ? versions[0] : undefined);
  const index = current ? versions.indexOf(current) : -1;
  const statements = current?.Document === undefined
    ? null
    : statementsOrReject(current.Document, at, `${field}.PolicyVersionList[${index}].Document`, `policy '${policy.PolicyName}'`, b);
  model.policies.set(id, withRisk({ id, name: policy.PolicyName, description: policy.Arn, statements, at }, rules));
  byArn.set(policy.Arn, id);
}

function withRisk(p: PolicyEntitlement, rules: RiskRules): PolicyEntitlement {
  if (!p.statements) return p;
  markInert(p.statements, rules.now);
  return { ...p, risk: assessPolicy(p.statements, rules) };
}

/** A document that cannot be read costs the policy its permissions, not its existence: grants still hold. */
function statementsOrReject(raw: unknown, at: Where, field: string, what: string, b: BundleBuilder): Statement[] | null {
  try {
    return readDocument(raw);
  } catch (e) {
    b.reject(at, field, `the document of ${what} ${(e as Error).message}; the policy is loaded without its permissions`);
    return null;
  }
}

function readPrincipal(type: PrincipalType, raw: unknown, at: Where, field: string, model: IamModel, b: BundleBuilder): (Principal & { parsed: Record<string, unknown> }) | null {
  const nameKey = type === 'user' ? 'UserName' : type === 'group' ? 'GroupName' : 'RoleName';
  const rawName = (raw as Record<string, unknown> | null)?.[nameKey];
  const guess = typeof rawName === 'string' && rawName ? principalId(model, type, rawName) : undefined;
  const schema = type === 'user' ? RawUser : type === 'group' ? RawGroup : RawRole;
  // A user or role is its account (and identity), a group its group; the rest it gave is kept later.
  const entity = type === 'group' ? 'groups' : 'accounts';
  const remember = (name: string, id: string, bad: string) => {
    const key = `${type}:${name.toLowerCase()}`;
    if (!principalsOf(model, type).has(name.toLowerCase()) && !model.rejected.has(key)) {
      model.rejected.set(key, { type, name, id, raw: raw as Record<string, unknown>, at, field: bad });
    }
  };
  const onReject = (bad: string) => remember(rawName as string, guess!, bad);
  const parsed = checkElement<Record<string, unknown>>(schema as never, raw, at, field, b, guess ? { id: guess, entity, onReject } : undefined);
  if (!parsed) return null;
  const name = parsed[nameKey] as string;
  const id = principalId(model, type, name);
  const map = principalsOf(model, type);
  const first = map.get(name.toLowerCase());
  if (first) {
    // No entity: the first of the name loads this very id.
    b.reject(at, `${field}.${nameKey}`, `duplicate ${type} '${name}' (first at ${first.at.file}:${first.at.line}); IAM names are unique regardless of case`, { id });
    return null;
  }
  const createdAt = awsTime(parsed.CreateDate as string | undefined);
  if (createdAt === null) {
    b.reject(at, `${field}.CreateDate`, `'${String(parsed.CreateDate)}' is not a time`, { id }, entity);
    remember(name, id, `${field}.CreateDate`);
    return null;
  }
  const arn = parsed.Arn as string | undefined;
  const p: Principal & { parsed: Record<string, unknown> } = { type, name, id, arn, at, field, createdAt, policies: [], groups: [], parsed };
  if (type === 'user') {
    p.user = parsed as RawUser;
    p.groups = p.user.GroupList ?? [];
  }
  if (type === 'role') p.role = parsed as RawRole;
  if (arn && parseArn(arn)?.type !== type) {
    b.note(`${field} (${name}): Arn '${arn}' does not name a ${type}; the name is used`);
  }
  map.set(name.toLowerCase(), p);
  return p;
}
