/** Birthright and role-based access for every human: which accounts they get and which groups they join. */
import { agentTools, aws, github, okta, sap, sf, slack, SYS, wd } from './catalog-kit';
import type { HumanAccounts, SysKey } from './account-factory';
import type { DemoBuilder } from './builder';
import type { Person, Workforce } from './people';
import type { Rng } from './random';

function oktaLeaf(p: Person, rng: Rng): string {
  if (!p.dept) return okta.everyone;
  if (!p.team) return okta.dept(p.dept.code);
  return p.dept.code === 'eng' ? okta.squad(p.team, rng.int(1, 2)) : okta.team(p.dept.code, p.team);
}

const isManager = (p: Person) => p.level <= 3;

function awsGroup(p: Person, rng: Rng): string | undefined {
  const dept = p.dept?.code;
  if (dept === 'it') return p.team === 'Infrastructure' ? aws.group('platform') : undefined;
  if (dept === 'fin') return p.team === 'FP&A' && rng.chance(0.3) ? aws.group('finops') : undefined;
  if (dept !== 'eng') return undefined;
  switch (p.team) {
    case 'Platform': return aws.group('platform');
    case 'SRE': return rng.chance(0.4) ? aws.group('sre-oncall') : aws.group('sre');
    case 'Data': return aws.group('data');
    case 'Security': return aws.group('security');
    case undefined: return aws.group('all-engineers');
    default: return rng.chance(0.6) ? aws.group('all-engineers') : undefined;
  }
}

function githubGroup(p: Person, rng: Rng): string | undefined {
  const dept = p.dept?.code;
  if (dept === 'it') return p.team === 'Infrastructure' ? github.team('engineering') : undefined;
  if (dept === 'prod') return p.team !== 'Research' || rng.chance(0.3) ? github.team('product') : undefined;
  if (dept !== 'eng') return undefined;
  if (!p.team) return github.team('engineering');
  return isManager(p) || rng.chance(0.08) ? github.maintainers(p.team) : github.team(p.team);
}

function salesforceGroup(p: Person, rng: Rng): string | undefined {
  switch (p.dept?.code) {
    case 'sales':
      if (p.team === 'Sales Ops') return `${SYS.salesforce}:role/sales-ops`;
      return isManager(p) ? sf.profile('sales-manager') : sf.profile('sales-user');
    case 'support':
      return isManager(p) || p.team === 'Escalations' ? sf.profile('support-lead') : sf.profile('support-agent');
    case 'mkt':
      return rng.chance(0.7) ? sf.profile('marketing-user') : undefined;
    case 'legal':
      return p.team === 'Commercial' ? sf.profile('standard-user') : undefined;
    default:
      return undefined;
  }
}

function sapRole(p: Person): string | undefined {
  const dept = p.dept?.code;
  if (dept === 'ops') {
    if (p.team !== 'Procurement') return undefined;
    return isManager(p) ? sap.role('PURCHASING_MANAGER') : sap.role('PROCUREMENT');
  }
  if (dept !== 'fin') return undefined;
  switch (p.team) {
    case 'Accounts Payable': return isManager(p) ? sap.role('AP_SUPERVISOR') : sap.role('AP_CLERK');
    case 'General Ledger': return isManager(p) ? sap.role('GL_SUPERVISOR') : sap.role('GL_ACCOUNTANT');
    case 'Treasury': return isManager(p) ? sap.role('PAYMENT_RUN') : sap.role('TREASURY');
    case undefined: return sap.role('CONTROLLER');
    default: return sap.role('FI_DISPLAY');
  }
}

function agentToolset(p: Person, rng: Rng): string | undefined {
  const ts = agentTools.toolset;
  switch (p.dept?.code) {
    case 'eng':
      if (!rng.chance(0.5)) return undefined;
      if (p.team === 'SRE') return ts('sre');
      if (p.team === 'Data') return ts('data');
      return ts('engineering');
    case 'it': return rng.chance(0.3) ? ts('engineering') : undefined;
    case 'support':
      if (!rng.chance(0.6)) return undefined;
      return p.team === 'Escalations' ? ts('support-escalation') : ts('support');
    case 'sales': return rng.chance(0.3) ? ts('sales') : undefined;
    case 'mkt': return rng.chance(0.3) ? ts('marketing') : undefined;
    case 'fin':
      if (!rng.chance(0.4)) return undefined;
      return isManager(p) && p.team === 'Accounts Payable' ? ts('finance-approver') : ts('finance');
    case 'hr': return rng.chance(0.4) ? ts('hr') : undefined;
    case 'legal': return rng.chance(0.3) ? ts('legal') : undefined;
    default: return undefined;
  }
}

/** Every human's birthright accounts and role-based memberships. */
export function assignHumanAccess(b: DemoBuilder, rng: Rng, w: Workforce, acc: HumanAccounts): void {
  for (const p of w.people) {
    const contractor = p.employeeType === 'contractor';
    // Contractors' access is time-boxed: most end in 2030, some lapsed in 2025 and were never cleaned up.
    const expiry = contractor ? (rng.chance(0.3) ? 'past' : 'future') : undefined;
    acc.join(acc.ensure(p, 'okta'), oktaLeaf(p, rng), expiry);
    acc.join(acc.ensure(p, 'workday'), isManager(p) ? wd.role('manager') : wd.role('employee'));
    if (!rng.chance(0.01)) {
      acc.join(acc.ensure(p, 'slack'), contractor && rng.chance(0.3) ? slack.group('guests') : slack.group('all-members'));
    }
    const rules: [SysKey, string | undefined][] = [
      ['aws', awsGroup(p, rng)],
      ['github', githubGroup(p, rng)],
      ['salesforce', salesforceGroup(p, rng)],
      ['sap', sapRole(p)],
      ['agentTools', agentToolset(p, rng)],
    ];
    for (const [sys, group] of rules) {
      if (group) acc.join(acc.ensure(p, sys), group, expiry);
    }
    // A sprinkling of one-off direct grants of ordinary (non-privileged) rights.
    for (const [sys, group] of rules) {
      if (!group || !rng.chance(0.03)) continue;
      const candidates = b.records.entitlements.filter((e) => e.systemId === SYS[sys] && !e.privileged);
      const r = rng.next();
      acc.directGrant(acc.ensure(p, sys), rng.pick(candidates).id, r < 0.1 ? 'past' : r < 0.25 ? 'future' : undefined);
    }
  }
}
