import { lastSegment } from './fields';

/** Who made an AWS call, as CloudTrail's `userIdentity` or OCSF's `actor` describe it. */
export interface AwsIdentity {
  type?: string;
  arn?: string;
  accountId?: string;
  userName?: string;
  /** The role behind an assumed-role session (`sessionContext.sessionIssuer`, OCSF `actor.session.issuer`). */
  issuerArn?: string;
  issuerName?: string;
  issuerAccountId?: string;
}

/** The whohas account that made the call (ids of the AWS IAM connector), or why there is none. */
export type Principal = { accountId: string; awsAccount: string } | { unattributable: string };

const ARN = /^arn:aws[a-z-]*:(?:iam|sts)::([^:]*):(.+)$/;

function parseArn(arn: string | undefined): { account: string; resource: string } | null {
  const m = arn ? ARN.exec(arn) : null;
  return m ? { account: m[1], resource: m[2] } : null;
}

/** Principals with no IAM account of their own: their calls cannot be usage of an account's rights. */
const NO_ACCOUNT: Record<string, string> = {
  Root: 'root user (no account id for it)',
  AWSService: 'AWS service principal',
  AWSAccount: 'principal of another AWS account',
  FederatedUser: 'federated user session',
  IdentityCenterUser: 'IAM Identity Center user',
  SAMLUser: 'SAML user without a role session',
  WebIdentityUser: 'web identity user without a role session',
};

export function resolvePrincipal(id: AwsIdentity | undefined): Principal {
  if (!id) return { unattributable: 'no principal in the event' };
  const arn = parseArn(id.arn);
  const type = id.type ?? inferType(arn?.resource);
  if (type === 'IAMUser') {
    const name = id.userName ?? (arn?.resource.startsWith('user/') ? lastSegment(arn.resource) : undefined);
    const account = arn?.account || id.accountId;
    if (!name || !account) return { unattributable: 'IAM user without name or account' };
    return { accountId: `aws:${account}:user/${name}`, awsAccount: account };
  }
  if (type === 'AssumedRole') {
    // The session ARN names the role (`assumed-role/<Role>/<session>`); the issuer is the fallback.
    if (arn?.resource.startsWith('assumed-role/')) {
      const role = arn.resource.split('/')[1];
      const account = arn.account || id.accountId;
      if (role && account) return { accountId: `aws:${account}:role/${role}`, awsAccount: account };
    }
    const issuer = parseArn(id.issuerArn);
    const role = id.issuerName ?? (issuer?.resource.startsWith('role/') ? lastSegment(issuer.resource) : undefined);
    const account = issuer?.account || id.issuerAccountId || id.accountId;
    if (role && account) return { accountId: `aws:${account}:role/${role}`, awsAccount: account };
    return { unattributable: 'role session without role name' };
  }
  if (!type) return { unattributable: 'no principal type' };
  return { unattributable: NO_ACCOUNT[type] ?? `principal type ${type}` };
}

function inferType(resource: string | undefined): string | undefined {
  if (!resource) return undefined;
  if (resource.startsWith('user/')) return 'IAMUser';
  if (resource.startsWith('assumed-role/')) return 'AssumedRole';
  if (resource === 'root') return 'Root';
  return undefined;
}
