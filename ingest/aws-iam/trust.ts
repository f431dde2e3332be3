import type { BundleBuilder } from '../core/bundle-builder';
import { covers } from './actions';
import { parseArn } from './arn';
import type { KeptRecords } from '../core/kept-records';
import { rejectedPrincipal, type IamModel } from './model';
import type { AwsIamOptions } from './options';
import { readDocument, type Statement } from './policy-document';
import { examples } from './validate';

type Bucket = 'anyone' | 'account root' | 'service' | 'federated' | 'other account' | 'not in the export' | 'session or unique id' | 'user without identity (correlate)' | 'NotPrincipal';

/** Who a trust statement lets assume a role: a user or role of this export, loaded or rejected. */
interface Trustee {
  id: string;
  /** The element was rejected: the delegation is kept as loaded before, not loaded anew. */
  rejected: boolean;
}

type Skip = (bucket: Bucket, role: string, who: string) => void;

/**
 * Role trust policies as delegations: "P may assume R" means P acts with R's access, so the
 * delegation runs from R's identity to P's, scope ["*"]. Only users and roles of this export can be
 * the receiving end; every other principal is counted in a note, never invented. A delegation to a
 * user or role whose element was rejected is named for keeping instead, as are the delegations a
 * rejected role's trust policy still states.
 */
export function emitTrust(model: IamModel, options: AwsIamOptions, b: BundleBuilder, kept: KeptRecords): void {
  const skipped = new Map<Bucket, string[]>();
  const skip: Skip = (bucket, role, who) => {
    if (!skipped.has(bucket)) skipped.set(bucket, []);
    skipped.get(bucket)!.push(`${who} -> ${role}`);
  };
  let conditional = 0;
  let delegations = 0;
  for (const role of model.roles.values()) {
    const raw = role.role?.AssumeRolePolicyDocument;
    if (raw === undefined) continue;
    let statements: Statement[];
    try {
      statements = readDocument(raw);
    } catch (e) {
      // No entity: the role loads; which delegations the unreadable policy held cannot be told.
      b.reject(role.at, `${role.field}.AssumeRolePolicyDocument`, `the trust policy ${(e as Error).message}; no delegations from this role`, { id: role.id });
      continue;
    }
    for (const t of trustees(model, options, statements, role, skip)) {
      const purpose = `may assume role ${role.name} (trust policy)`;
      if (t.rejected) {
        kept.delegation(role.id, t.id, role.at, `${role.field}.AssumeRolePolicyDocument`, `${t.id} was rejected`);
        continue;
      }
      if (t.conditional) conditional++;
      delegations++;
      b.add('delegations', { fromId: role.id, toId: t.id, scope: ['*'], purpose }, role.at);
    }
  }
  const parts = [...skipped.entries()].map(([k, v]) => `${k}: ${v.length} (${examples(v)})`);
  b.note(`trust policies: ${delegations} delegation(s) to users/roles of this export` + (parts.length ? `; principals that cannot be delegations: ${parts.join('; ')}` : ''));
  if (conditional) b.note(`${conditional} delegation(s) come from trust statements with a Condition (MFA, ExternalId...), which is not evaluated`);
}

/** The users and roles a trust policy lets assume `role`, with whether the statement had a Condition. */
export function trustees(
  model: IamModel,
  options: AwsIamOptions,
  statements: Statement[],
  role: { id: string; name: string },
  skip: Skip = () => undefined,
): Array<Trustee & { conditional: boolean }> {
  const out: Array<Trustee & { conditional: boolean }> = [];
  const denied = new Set(statements.filter((s) => s.effect === 'Deny' && !s.conditional && !s.notPrincipal).flatMap((s) => awsPrincipals(s.principal)));
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    if (s.notPrincipal) {
      skip('NotPrincipal', role.name, 'NotPrincipal');
      continue;
    }
    // Services and identity providers assume roles through other STS actions (AssumeRoleWithSAML...).
    const p = s.principal;
    for (const svc of listOf(p, 'Service')) skip('service', role.name, svc);
    for (const fed of listOf(p, 'Federated')) skip('federated', role.name, fed);
    if (!covers(s, 'sts:AssumeRole')) continue;
    if (p === '*' || awsPrincipals(p).includes('*')) skip('anyone', role.name, '*');
    for (const who of awsPrincipals(p)) {
      if (who === '*' || denied.has(who)) continue;
      const target = resolve(model, who, options, skip, role.name);
      if (!target || target.id === role.id) continue;
      out.push({ ...target, conditional: s.conditional });
    }
  }
  return out;
}

function resolve(model: IamModel, who: string, options: AwsIamOptions, skip: Skip, role: string): Trustee | null {
  if (/^\d{12}$/.test(who)) return skip('account root', role, who), null;
  const arn = parseArn(who);
  if (!arn) return skip('session or unique id', role, who), null;
  if (arn.type === 'root') return skip('account root', role, who), null;
  if (arn.account !== model.acct) return skip('other account', role, who), null;
  if (arn.service !== 'iam' || (arn.type !== 'user' && arn.type !== 'role')) return skip('session or unique id', role, who), null;
  const target: { id: string; type: string } | undefined =
    (arn.type === 'user' ? model.users : model.roles).get(arn.name.toLowerCase()) ?? rejectedPrincipal(model, arn.type, arn.name);
  if (!target) return skip('not in the export', role, who), null;
  if (target.type === 'user' && options.identities === 'correlate') return skip('user without identity (correlate)', role, who), null;
  const loaded = (arn.type === 'user' ? model.users : model.roles).has(arn.name.toLowerCase());
  return { id: target.id, rejected: !loaded };
}

function listOf(principal: unknown, key: string): string[] {
  if (!principal || typeof principal !== 'object') return [];
  const v = (principal as Record<string, unknown>)[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

function awsPrincipals(principal: unknown): string[] {
  return principal === '*' ? ['*'] : listOf(principal, 'AWS');
}
