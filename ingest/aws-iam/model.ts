import type { Where } from '../core/bundle-builder';
import type { PolicyRisk } from './risk';
import type { Statement } from './policy-document';
import type { RawRole, RawUser } from './raw-schemas';

export type PrincipalType = 'user' | 'group' | 'role';

/** A managed or inline policy as an entitlement, with its default document when it could be read. */
export interface PolicyEntitlement {
  id: string;
  name: string;
  description: string;
  /** Null when the export has no readable document: loaded without privilege flags. */
  statements: Statement[] | null;
  risk?: PolicyRisk;
  at: Where;
}

export interface Principal {
  type: PrincipalType;
  name: string;
  id: string;
  arn?: string;
  at: Where;
  /** `UserDetailList[3]`: where rejects about this principal point. */
  field: string;
  createdAt?: string;
  /** Entitlement ids of the policies attached to or inlined in this principal. */
  policies: string[];
  /** Users: names of their groups as the export spells them. */
  groups: string[];
  user?: RawUser;
  role?: RawRole;
  /** Users only in the credential report, not in the authorization details. */
  fromReport?: boolean;
}

/** An element rejected as a whole that still names its principal: what it loaded before is kept. */
export interface RejectedPrincipal {
  type: PrincipalType;
  name: string;
  id: string;
  raw: Record<string, unknown>;
  at: Where;
  /** The field its reject names. */
  field: string;
}

export interface IamModel {
  acct: string;
  systemId: string;
  policies: Map<string, PolicyEntitlement>;
  /** Policy entitlement ids by ARN, as attachments name them. */
  policyIdByArn: Map<string, string>;
  /** Ids of managed policies rejected as a whole: attachments still grant them, without a placeholder. */
  rejectedPolicies: Set<string>;
  /** Keyed by lower-cased name: IAM names are unique regardless of case. */
  users: Map<string, Principal>;
  groups: Map<string, Principal>;
  roles: Map<string, Principal>;
  /** Principals rejected as a whole, keyed `<type>:<lower-cased name>`. */
  rejected: Map<string, RejectedPrincipal>;
}

export function newModel(acct: string): IamModel {
  return {
    acct,
    systemId: `aws:${acct}`,
    policies: new Map(),
    policyIdByArn: new Map(),
    rejectedPolicies: new Set(),
    users: new Map(),
    groups: new Map(),
    roles: new Map(),
    rejected: new Map(),
  };
}

export function rejectedPrincipal(model: IamModel, type: PrincipalType, name: string): RejectedPrincipal | undefined {
  return model.rejected.get(`${type}:${name.toLowerCase()}`);
}

export function principalId(model: IamModel, type: PrincipalType, name: string): string {
  return `aws:${model.acct}:${type}/${name}`;
}

export function principalsOf(model: IamModel, type: PrincipalType): Map<string, Principal> {
  return type === 'user' ? model.users : type === 'group' ? model.groups : model.roles;
}

/** Every policy whose statements apply to a principal: its own, and for a user its groups'. */
export function applicablePolicies(model: IamModel, p: Principal): PolicyEntitlement[] {
  const ids = [...p.policies];
  for (const g of p.groups) ids.push(...(model.groups.get(g.toLowerCase())?.policies ?? []));
  return [...new Set(ids)].map((id) => model.policies.get(id)).filter((x): x is PolicyEntitlement => Boolean(x));
}

export function statementsOf(policies: PolicyEntitlement[]): Statement[] {
  return policies.flatMap((p) => p.statements ?? []);
}
