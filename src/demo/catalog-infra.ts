/** Catalog of the infrastructure systems: Okta, AWS prod, GitHub and Slack. */
import { aws, ent, github, okta, slack, SYS, type GroupDef, type SystemCatalog } from './catalog-kit';
import { DEPARTMENTS } from './names';
import type { EntitlementRecord, Level } from './types';

const OKTA_APPS = ['aws-prod', 'github', 'salesforce', 'sap-fin', 'workday', 'slack', 'agent-tools', 'jira', 'zoom', 'google-workspace'];

/** Okta app-assignment groups each department's group belongs to. */
const DEPT_APPS: Record<string, string[]> = {
  eng: ['aws-prod', 'github', 'agent-tools'],
  it: ['aws-prod', 'github', 'agent-tools'],
  sales: ['salesforce', 'agent-tools'],
  support: ['salesforce', 'agent-tools'],
  mkt: ['salesforce'],
  fin: ['sap-fin', 'agent-tools'],
  ops: ['sap-fin'],
  prod: ['github'],
  legal: ['salesforce'],
  hr: ['agent-tools'],
};

export function oktaCatalog(): SystemCatalog {
  const s = SYS.okta;
  const e: EntitlementRecord[] = [
    ...OKTA_APPS.map((a) => ent(s, `okta:app:${a}`, `App assignment: ${a}`, 'permission', a === 'aws-prod' || a === 'sap-fin' ? 'medium' : 'low')),
    ent(s, 'okta:license:mfa', 'Okta Verify MFA', 'license', 'low'),
    ent(s, 'okta:role:super_admin', 'Super Administrator', 'role', 'critical', true),
    ent(s, 'okta:role:org_admin', 'Organization Administrator', 'role', 'high', true),
    ent(s, 'okta:role:app_admin', 'Application Administrator', 'role', 'high', true),
    ent(s, 'okta:role:group_admin', 'Group Administrator', 'role', 'medium', true),
    ent(s, 'okta:role:helpdesk_admin', 'Help Desk Administrator', 'role', 'medium', true),
    ent(s, 'okta:role:read_only_admin', 'Read-only Administrator', 'role', 'low', true),
    ent(s, 'okta:role:report_admin', 'Report Administrator', 'role', 'low'),
    ent(s, 'okta:scope:okta.users.manage', 'okta.users.manage', 'scope', 'high', true),
    ent(s, 'okta:scope:okta.users.read', 'okta.users.read', 'scope', 'low'),
    ent(s, 'okta:scope:okta.groups.manage', 'okta.groups.manage', 'scope', 'high', true),
    ent(s, 'okta:scope:okta.apps.read', 'okta.apps.read', 'scope', 'low'),
    ent(s, 'okta:scope:okta.logs.read', 'okta.logs.read', 'scope', 'medium'),
  ];
  const g: GroupDef[] = [
    { id: 'okta:grp:mfa-required', name: 'MFA Required', kind: 'group', grants: ['okta:license:mfa'] },
    {
      id: okta.everyone, name: 'All Employees', kind: 'group', memberOf: ['okta:grp:mfa-required'],
      grants: ['okta:app:slack', 'okta:app:workday', 'okta:app:zoom', 'okta:app:google-workspace', 'okta:app:jira'],
    },
  ];
  for (const app of ['aws-prod', 'github', 'salesforce', 'sap-fin', 'agent-tools']) {
    g.push({ id: `okta:grp:app-${app}`, name: `App: ${app}`, kind: 'group', grants: [`okta:app:${app}`] });
  }
  for (const d of DEPARTMENTS) {
    const apps = (DEPT_APPS[d.code] ?? []).map((a) => `okta:grp:app-${a}`);
    g.push({ id: okta.dept(d.code), name: `Dept: ${d.name}`, kind: 'group', memberOf: [okta.everyone, ...apps] });
    for (const t of d.teams) {
      g.push({ id: okta.team(d.code, t), name: `Team: ${d.name} / ${t}`, kind: 'group', memberOf: [okta.dept(d.code)] });
      if (d.code === 'eng') {
        for (const n of [1, 2]) g.push({ id: okta.squad(t, n), name: `Squad: ${t} ${n}`, kind: 'group', memberOf: [okta.team(d.code, t)] });
      }
    }
  }
  g.push(
    { id: okta.superAdmins, name: 'Okta Super Admins', kind: 'role', grants: ['okta:role:super_admin', 'okta:scope:okta.users.manage', 'okta:scope:okta.groups.manage'] },
    // The one deliberate nesting cycle: IT admins and help desk admins contain each other.
    { id: okta.itAdmins, name: 'IT Admins', kind: 'role', memberOf: [okta.helpdeskAdmins], grants: ['okta:role:org_admin', 'okta:role:app_admin', 'okta:scope:okta.logs.read'] },
    { id: okta.helpdeskAdmins, name: 'Help Desk Admins', kind: 'role', memberOf: [okta.itAdmins], grants: ['okta:role:helpdesk_admin', 'okta:role:read_only_admin', 'okta:scope:okta.users.read'] },
    { id: okta.reportViewers, name: 'Report Viewers', kind: 'group', grants: ['okta:role:report_admin', 'okta:scope:okta.apps.read'] },
    { id: 'okta:grp:group-admins', name: 'Group Admins', kind: 'role', memberOf: [okta.reportViewers], grants: ['okta:role:group_admin'] },
  );
  return { id: s, name: 'Okta (acme.okta.com)', criticality: 'critical', ownerDept: 'IT', groups: g, entitlements: e };
}

const AWS_SERVICES = ['s3', 'ec2', 'iam', 'rds', 'lambda', 'kms', 'dynamodb', 'cloudtrail', 'secretsmanager', 'eks', 'sqs', 'sns', 'cloudwatch', 'route53', 'organizations', 'billing'];
const AWS_SENSITIVE = new Set(['iam', 'kms', 'organizations', 'secretsmanager']);

function awsLevel(svc: string, level: string): [Level, boolean] {
  const sensitive = AWS_SENSITIVE.has(svc);
  if (level === 'admin') return [sensitive ? 'critical' : 'high', true];
  if (level === 'write') return sensitive ? ['high', true] : ['medium', false];
  if (svc === 'secretsmanager') return ['high', true];
  return [svc === 'kms' || svc === 'billing' ? 'medium' : 'low', false];
}

export function awsCatalog(): SystemCatalog {
  const s = SYS.aws;
  const e: EntitlementRecord[] = [ent(s, aws.adminAll, 'AdministratorAccess (*:*)', 'permission', 'critical', true)];
  for (const svc of AWS_SERVICES) {
    for (const level of ['read', 'write', 'admin']) {
      const [sens, priv] = awsLevel(svc, level);
      e.push(ent(s, aws.action(svc, level), `${svc} ${level}`, 'permission', sens, priv));
    }
  }
  const actions = (svcs: string[], level: string) => svcs.map((x) => aws.action(x, level));
  const except = (skip: string[]) => AWS_SERVICES.filter((x) => !skip.includes(x));
  const g: GroupDef[] = [
    { id: aws.ps('AdministratorAccess'), name: 'AdministratorAccess', kind: 'permission_set', grants: [aws.adminAll] },
    { id: aws.ps('ReadOnlyAccess'), name: 'ReadOnlyAccess', kind: 'permission_set', grants: actions(except(['secretsmanager', 'billing']), 'read') },
    {
      id: aws.ps('PowerUserAccess'), name: 'PowerUserAccess', kind: 'permission_set', memberOf: [aws.ps('ReadOnlyAccess')],
      grants: actions(except(['iam', 'organizations', 'billing', 'kms']), 'write'),
    },
    { id: aws.ps('SecurityAudit'), name: 'SecurityAudit', kind: 'permission_set', grants: actions(['iam', 'cloudtrail', 'kms', 'organizations', 'cloudwatch', 'route53'], 'read') },
    { id: aws.ps('BillingAdmin'), name: 'BillingAdmin', kind: 'permission_set', grants: actions(['billing'], 'read').concat(actions(['billing'], 'write'), actions(['billing'], 'admin')) },
    { id: aws.ps('DataScientist'), name: 'DataScientist', kind: 'permission_set', grants: [...actions(['s3', 'dynamodb', 'rds', 'lambda'], 'read'), aws.action('s3', 'write')] },
    { id: aws.group('all-engineers'), name: 'all-engineers', kind: 'group', memberOf: [aws.ps('ReadOnlyAccess')] },
    { id: aws.group('platform'), name: 'platform', kind: 'group', memberOf: [aws.group('all-engineers')], grants: actions(['eks', 'ec2', 'lambda', 'sqs'], 'write') },
    { id: aws.group('sre'), name: 'sre', kind: 'group', memberOf: [aws.group('platform'), aws.ps('PowerUserAccess')] },
    { id: aws.group('sre-oncall'), name: 'sre-oncall', kind: 'group', memberOf: [aws.group('sre')], grants: actions(['ec2', 'rds', 'eks'], 'admin') },
    { id: aws.group('break-glass'), name: 'break-glass', kind: 'group', memberOf: [aws.ps('AdministratorAccess')], description: 'Emergency administrator access' },
    { id: aws.group('security'), name: 'security', kind: 'group', memberOf: [aws.ps('SecurityAudit'), aws.group('all-engineers')], grants: actions(['kms', 'cloudtrail'], 'admin') },
    { id: aws.group('data'), name: 'data', kind: 'group', memberOf: [aws.ps('DataScientist'), aws.group('all-engineers')] },
    { id: aws.group('finops'), name: 'finops', kind: 'group', memberOf: [aws.ps('BillingAdmin')] },
  ];
  return { id: s, name: 'AWS prod (123456789012)', criticality: 'critical', ownerDept: 'Engineering', groups: g, entitlements: e };
}

/** Repositories each engineering team writes to. */
export const TEAM_REPOS: Record<string, string[]> = {
  Platform: ['infra-terraform', 'k8s-manifests', 'ci-templates', 'agent-runtime', 'mcp-tools'],
  Payments: ['payments-api', 'payments-web', 'billing-service'],
  Identity: ['identity-service', 'auth-gateway'],
  Data: ['data-pipeline', 'ml-platform', 'search-service'],
  Mobile: ['mobile-ios', 'mobile-android'],
  Web: ['web-app', 'design-system', 'notifications'],
  SRE: ['infra-terraform', 'k8s-manifests'],
  Security: ['security-policies', 'auth-gateway'],
};
const SENSITIVE_REPOS = new Set(['infra-terraform', 'security-policies', 'payments-api', 'auth-gateway']);

export function githubCatalog(): SystemCatalog {
  const s = SYS.github;
  const repos = [...new Set([...Object.values(TEAM_REPOS).flat(), 'docs'])].sort();
  const e: EntitlementRecord[] = [];
  for (const r of repos) {
    const sensitive = SENSITIVE_REPOS.has(r);
    e.push(ent(s, github.repo(r, 'read'), `${r} read`, 'permission', 'low'));
    e.push(ent(s, github.repo(r, 'write'), `${r} write`, 'permission', sensitive ? 'high' : 'medium', sensitive));
    e.push(ent(s, github.repo(r, 'admin'), `${r} admin`, 'permission', sensitive ? 'critical' : 'high', true));
  }
  e.push(
    ent(s, `${s}:role/owner`, 'Organization owner', 'role', 'critical', true),
    ent(s, `${s}:role/member`, 'Organization member', 'role', 'low'),
    ent(s, `${s}:role/security_manager`, 'Security manager', 'role', 'high', true),
    ent(s, `${s}:role/billing_manager`, 'Billing manager', 'role', 'medium', true),
    ent(s, `${s}:license/enterprise-seat`, 'GitHub Enterprise seat', 'license', 'low'),
    ent(s, `${s}:license/copilot`, 'GitHub Copilot Business', 'license', 'low'),
  );
  const g: GroupDef[] = [
    {
      id: github.team('everyone'), name: 'everyone', kind: 'group',
      grants: [`${s}:role/member`, `${s}:license/enterprise-seat`, github.repo('docs', 'write'), github.repo('design-system', 'read'), github.repo('ci-templates', 'read')],
    },
    { id: github.team('engineering'), name: 'engineering', kind: 'group', memberOf: [github.team('everyone')], grants: [...repos.map((r) => github.repo(r, 'read')), `${s}:license/copilot`] },
  ];
  for (const [team, teamRepos] of Object.entries(TEAM_REPOS)) {
    g.push({ id: github.team(team), name: team.toLowerCase(), kind: 'group', memberOf: [github.team('engineering')], grants: teamRepos.map((r) => github.repo(r, 'write')) });
    g.push({ id: github.maintainers(team), name: `${team.toLowerCase()}-maintainers`, kind: 'group', memberOf: [github.team(team)], grants: teamRepos.map((r) => github.repo(r, 'admin')) });
  }
  g.push(
    { id: github.team('org-owners'), name: 'org-owners', kind: 'role', grants: [`${s}:role/owner`] },
    { id: github.team('security-managers'), name: 'security-managers', kind: 'role', memberOf: [github.team('Security')], grants: [`${s}:role/security_manager`] },
    { id: github.team('billing'), name: 'billing', kind: 'role', grants: [`${s}:role/billing_manager`] },
    {
      id: github.team('product'), name: 'product', kind: 'group', memberOf: [github.team('everyone')],
      grants: [github.repo('web-app', 'read'), github.repo('mobile-ios', 'read'), github.repo('mobile-android', 'read'), github.repo('design-system', 'write')],
    },
  );
  return { id: s, name: 'GitHub org acme', criticality: 'high', ownerDept: 'Engineering', groups: g, entitlements: e };
}

export function slackCatalog(): SystemCatalog {
  const s = SYS.slack;
  const e: EntitlementRecord[] = [
    ent(s, 'slack:license/full', 'Full member seat', 'license', 'low'),
    ent(s, 'slack:license/guest', 'Guest seat', 'license', 'low'),
    ent(s, 'slack:scope/chat:write', 'chat:write', 'scope', 'low'),
    ent(s, 'slack:scope/channels:read', 'channels:read', 'scope', 'low'),
    ent(s, 'slack:scope/files:read', 'files:read', 'scope', 'medium'),
    ent(s, 'slack:scope/users:read.email', 'users:read.email', 'scope', 'medium'),
    ent(s, 'slack:scope/admin', 'admin', 'scope', 'high', true),
    ent(s, 'slack:role/workspace_admin', 'Workspace admin', 'role', 'high', true),
    ent(s, 'slack:role/workspace_owner', 'Workspace owner', 'role', 'critical', true),
    ent(s, 'slack:perm/export_all_messages', 'Export all messages (incl. DMs)', 'permission', 'critical', true),
  ];
  const g: GroupDef[] = [
    { id: slack.group('all-members'), name: 'All members', kind: 'group', grants: ['slack:license/full'] },
    { id: slack.group('admins'), name: 'Workspace admins', kind: 'role', memberOf: [slack.group('all-members')], grants: ['slack:role/workspace_admin', 'slack:scope/admin'] },
    { id: slack.group('owners'), name: 'Workspace owners', kind: 'role', memberOf: [slack.group('admins')], grants: ['slack:role/workspace_owner', 'slack:perm/export_all_messages'] },
    { id: slack.group('guests'), name: 'Guests', kind: 'group', grants: ['slack:license/guest'] },
    { id: slack.group('bots'), name: 'Bots', kind: 'group', grants: ['slack:scope/chat:write', 'slack:scope/channels:read', 'slack:scope/files:read'] },
    { id: slack.group('compliance-bots'), name: 'Compliance bots', kind: 'group', memberOf: [slack.group('bots')], grants: ['slack:scope/users:read.email', 'slack:perm/export_all_messages'] },
  ];
  return { id: s, name: 'Slack (acme.slack.com)', criticality: 'medium', ownerDept: 'IT', groups: g, entitlements: e };
}
