import { WhohasError } from '../../src/errors';
import { KeptRecords } from '../core/kept-records';
import { BundleBuilder } from '../core/bundle-builder';
import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { emitActionEntitlements } from './action-entitlements';
import { dominantAccount } from './arn';
import { readCredentialReports } from './credential-report';
import { emitPolicies } from './emit-policies';
import { emitPrincipals, type LastSeen } from './emit-principals';
import { keepRejectedPrincipals } from './keep-rejected';
import { emitUsage, readLastAccessed } from './last-accessed';
import { newModel } from './model';
import type { AwsIamOptions } from './options';
import { classify, type Classified } from './payloads';
import { readAuthz } from './read-authz';
import { riskRules } from './risk';
import { awsTime } from './times';
import { emitTrust } from './trust';
import { examples } from './validate';

/** IAM exports in, identity-bundle records out. Pure: no clock but ctx.now, no I/O. */
export function transformAwsIam(payloads: Payload[], options: AwsIamOptions, ctx: TransformContext): TransformResult {
  const input = classify(payloads);
  const rules = riskRules(input.lists, options.extraPrivilegedActions, ctx.now);
  const { acct, others } = accountOf(input, options);
  const b = new BundleBuilder({ source: `aws-iam:${acct}`, mode: 'full', exportedAt: ctx.now.toISOString() });
  if (others.length) b.note(`ARNs of other accounts (${others.join(', ')}) appear as well; ids use ${acct}, the account most ARNs name`);

  const model = newModel(acct);
  b.addOnce('systems', { id: model.systemId, name: `AWS ${acct}`, criticality: 'high' }, { file: input.authz[0].payload.name, line: 1 });
  readAuthz(input.authz, model, rules, b);
  const lastSeen: LastSeen = new Map();
  for (const role of model.roles.values()) {
    const used = awsTime(role.role?.RoleLastUsed?.LastUsedDate);
    if (used) lastSeen.set(role.id, used);
    else if (used === null) b.note(`${role.at.file}:${role.at.line} ${role.field}.RoleLastUsed.LastUsedDate is not a time; the role is loaded without it`);
  }
  const kept = new KeptRecords(b);
  readCredentialReports(input.reports, model, options, lastSeen, b, kept);
  const uses = readLastAccessed(input.lastAccessed, model, lastSeen, b);

  emitPolicies(model, rules, b);
  emitPrincipals(model, options, lastSeen, b);
  emitTrust(model, options, b, kept);
  const actionGrants = options.actionEntitlements ? emitActionEntitlements(model, rules, b) : null;
  emitUsage(uses, model, actionGrants, b);
  // Last, so what this run loads anyway is not also named as kept.
  keepRejectedPrincipals(model, options, kept);
  kept.flush();

  if (input.authz.some((a) => a.truncated)) {
    b.note('the export says IsTruncated: true: it is one page of get-account-authorization-details; in full mode what later pages hold would be removed, so export with the CLI (it follows Marker) or ingest in incremental mode');
  }
  const bounded = [...model.users.values(), ...model.roles.values()].filter((p) => (p.user ?? p.role)?.PermissionsBoundary).map((p) => p.name);
  if (bounded.length) b.note(`${bounded.length} principal(s) have a permissions boundary (${examples(bounded)}), which is not applied: their access may be overstated`);
  if (options.identities === 'correlate') b.note('identities: correlate: IAM users get no identity of their own; each user account carries its name (and email / employee number tags) as correlation hints');
  return b.result();
}

function accountOf(input: Classified, options: AwsIamOptions): { acct: string; others: string[] } {
  if (options.accountId) return { acct: options.accountId, others: [] };
  const perExport = new Map<string, string>();
  const others = new Set<string>();
  for (const { payload, lists } of input.authz) {
    const arns = [lists.UserDetailList, lists.GroupDetailList, lists.RoleDetailList, lists.Policies].flat().map((el) => (el as { Arn?: unknown } | null)?.Arn);
    const found = dominantAccount(arns.filter((a): a is string => typeof a === 'string'));
    if (found.account) perExport.set(payload.name, found.account);
    found.others.forEach((o) => others.add(o));
  }
  const accounts = [...new Set(perExport.values())];
  if (accounts.length > 1) {
    // Ids are namespaced by account: merging two accounts' exports would file one's users under the other.
    const which = [...perExport.entries()].map(([file, acct]) => `${file}: ${acct}`).join(', ');
    throw new WhohasError('CONFIG_INVALID', `The exports are of different AWS accounts (${which}); ingest one account per run (one job per account)`, { field: 'accountId' });
  }
  if (accounts.length) return { acct: accounts[0], others: [...others].filter((o) => o !== accounts[0]) };
  const extra: string[] = [];
  for (const r of input.reports) extra.push(...(r.csv.match(/arn:aws[^,\s]*/g) ?? []));
  for (const s of input.lastAccessed) for (const e of s.entries) extra.push(String((e as { LastAuthenticatedEntity?: unknown } | null)?.LastAuthenticatedEntity ?? ''));
  const fallback = dominantAccount(extra);
  if (fallback.account) return { acct: fallback.account, others: fallback.others };
  throw new WhohasError(
    'CONFIG_INVALID',
    `Cannot tell which AWS account ${input.authz.map((a) => a.payload.name).join(', ')} is of: no ARN in it names a 12-digit account; set options.accountId`,
    { field: 'accountId' },
  );
}
