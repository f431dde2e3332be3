/**
 * Admin roles and the deliberate findings a reviewer should discover: separation-of-duties
 * conflicts in SAP, over-privileged engineers, standing admin access, firefighter roles.
 */
import type { HumanAccounts, SysKey } from './account-factory';
import { agentTools, aws, github, okta, sap, sf, slack, wd } from './catalog-kit';
import { deptPeople, headOf, pickActive, type Person, type Workforce } from './people';
import type { Rng } from './random';

export function assignPrivilegedAccess(rng: Rng, w: Workforce, acc: HumanAccounts): void {
  const join = (people: Person[], sys: SysKey, group: string, expires?: 'past' | 'future') => {
    for (const p of people) acc.join(acc.ensure(p, sys), group, expires);
  };
  const grant = (people: Person[], sys: SysKey, entitlement: string, expires?: 'past' | 'future') => {
    for (const p of people) acc.directGrant(acc.ensure(p, sys), entitlement, expires);
  };
  const team = (dept: string, t?: string) => deptPeople(w, dept, t);
  const ics = (list: Person[]) => list.filter((p) => p.level === 4);
  const managers = (list: Person[]) => list.filter((p) => p.level === 3);
  const itHead = headOf(w, 'IT');

  // Okta administration; it-admins <-> helpdesk-admins is the catalog's nesting cycle.
  join(pickActive(rng, w, team('IT', 'Identity & Access'), 2), 'okta', okta.superAdmins);
  join(pickActive(rng, w, ics(team('Engineering')), 1), 'okta', okta.superAdmins); // an engineer with super admin
  join([itHead, ...pickActive(rng, w, team('IT', 'Identity & Access'), 3)], 'okta', okta.itAdmins);
  const helpdesk = team('IT', 'Helpdesk');
  join([...managers(helpdesk), ...rng.sample(ics(helpdesk), Math.ceil(ics(helpdesk).length * 0.4))], 'okta', okta.helpdeskAdmins);
  join(pickActive(rng, w, team('HR', 'People Ops'), 2), 'okta', 'okta:grp:group-admins');
  join(pickActive(rng, w, team('Legal', 'Compliance'), 3), 'okta', okta.reportViewers);

  // Slack and Workday administration.
  join(pickActive(rng, w, team('IT', 'End-User Computing'), 3), 'slack', slack.group('admins'));
  join([w.ceo, itHead], 'slack', slack.group('owners'));
  join(team('HR', 'People Ops').filter((p) => p.level >= 3), 'workday', wd.role('hr-partner'));
  join(team('Finance', 'Payroll'), 'workday', wd.role('payroll-admin'));
  join([headOf(w, 'HR')], 'workday', wd.role('hr-admin'));
  join(pickActive(rng, w, team('IT', 'Identity & Access'), 2), 'workday', wd.role('security-admin'));

  // GitHub org roles.
  join([headOf(w, 'Engineering'), ...pickActive(rng, w, managers(team('Engineering', 'Platform')), 1)], 'github', github.team('org-owners'));
  join(pickActive(rng, w, ics(team('Engineering', 'Web')), 1), 'github', github.team('org-owners')); // stale owner grant
  join(pickActive(rng, w, team('Engineering', 'Security'), 2), 'github', github.team('security-managers'));
  join(pickActive(rng, w, team('Finance', 'FP&A'), 1), 'github', github.team('billing'));

  // AWS: break-glass admins, plus standing direct admin grants on a few engineers' IAM users.
  join(pickActive(rng, w, managers(team('Engineering', 'SRE')), 2), 'aws', aws.group('break-glass'));
  join(pickActive(rng, w, team('IT', 'Infrastructure'), 1), 'aws', aws.group('break-glass'), 'future');
  const awsDirect = pickActive(rng, w, ics(team('Engineering')), 5);
  grant(awsDirect.slice(0, 2), 'aws', aws.adminAll);
  grant(awsDirect.slice(2, 3), 'aws', aws.adminAll, 'past');
  grant(awsDirect.slice(3), 'aws', aws.action('iam', 'admin'), 'future');

  // Salesforce administrators and report exporters.
  join([...pickActive(rng, w, team('IT', 'Infrastructure'), 2), ...pickActive(rng, w, team('Sales', 'Sales Ops'), 1)], 'salesforce', sf.profile('system-admin'));
  grant(pickActive(rng, w, ics(team('Sales', 'Enterprise')), 3), 'salesforce', sf.perm('ExportReports'));

  // SAP separation-of-duties conflicts.
  const apClerks = ics(team('Finance', 'Accounts Payable'));
  const conflicted = rng.sample(apClerks, 6);
  join(conflicted.slice(0, 4), 'sap', sap.role('AP_SUPERVISOR')); // create_vendor + approve_payment
  grant(conflicted.slice(4), 'sap', sap.perm('approve_payment'));
  join(rng.sample(ics(team('Finance', 'General Ledger')), 3), 'sap', sap.role('GL_SUPERVISOR')); // post + approve journal
  grant(rng.sample(ics(team('Finance', 'Treasury')), 1), 'sap', sap.perm('create_vendor'));
  const firefighters = pickActive(rng, w, team('IT', 'Infrastructure'), 2);
  join(firefighters.slice(0, 1), 'sap', sap.role('FI_SUPERUSER'), 'past');
  join(firefighters.slice(1), 'sap', sap.role('FI_SUPERUSER'), 'future');
  join(deptPeople(w, 'Finance').filter((p) => p.level === 2).slice(0, 1), 'sap', sap.role('FI_SUPERUSER'));

  // Agent platform administrators.
  join(pickActive(rng, w, managers(team('Engineering', 'Platform')), 2), 'agentTools', agentTools.toolset('platform-admin'));
  join(pickActive(rng, w, team('Finance', 'Accounts Payable'), 1), 'agentTools', agentTools.toolset('finance-approver'), 'future');
}
