/** Catalog of the business systems: Salesforce, SAP Finance, Workday and the agent-tools MCP platform. */
import { agentTools, ent, sap, sf, SYS, wd, type GroupDef, type SystemCatalog } from './catalog-kit';
import type { EntitlementRecord, Level } from './types';

const SF_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Quote', 'Contract', 'Campaign', 'Product', 'Report'];

export function salesforceCatalog(): SystemCatalog {
  const s = SYS.salesforce;
  const e: EntitlementRecord[] = [];
  for (const o of SF_OBJECTS) {
    e.push(ent(s, sf.obj(o, 'read'), `${o} read`, 'permission', 'low'));
    e.push(ent(s, sf.obj(o, 'edit'), `${o} edit`, 'permission', 'medium'));
    e.push(ent(s, sf.obj(o, 'delete'), `${o} delete`, 'permission', o === 'Contract' ? 'high' : 'medium'));
  }
  e.push(
    ent(s, sf.perm('ModifyAllData'), 'Modify All Data', 'permission', 'critical', true),
    ent(s, sf.perm('ViewAllData'), 'View All Data', 'permission', 'high', true),
    ent(s, sf.perm('ExportReports'), 'Export Reports', 'permission', 'medium', true),
    ent(s, sf.perm('ManageUsers'), 'Manage Users', 'permission', 'high', true),
    ent(s, sf.perm('AuthorApex'), 'Author Apex', 'permission', 'high', true),
    ent(s, sf.perm('ApiEnabled'), 'API Enabled', 'permission', 'medium'),
    ent(s, `${s}:license/sales-cloud`, 'Sales Cloud', 'license', 'low'),
    ent(s, `${s}:license/service-cloud`, 'Service Cloud', 'license', 'low'),
    ent(s, `${s}:license/marketing-cloud`, 'Marketing Cloud', 'license', 'low'),
  );
  const objs = (action: string, list: string[]) => list.map((o) => sf.obj(o, action));
  const g: GroupDef[] = [
    { id: sf.profile('standard-user'), name: 'Standard User', kind: 'permission_set', grants: objs('read', SF_OBJECTS) },
    {
      id: sf.profile('sales-user'), name: 'Sales User', kind: 'permission_set', memberOf: [sf.profile('standard-user')],
      grants: [...objs('edit', ['Account', 'Contact', 'Opportunity', 'Lead', 'Quote']), `${s}:license/sales-cloud`],
    },
    {
      id: sf.profile('sales-manager'), name: 'Sales Manager', kind: 'permission_set', memberOf: [sf.profile('sales-user')],
      grants: [...objs('delete', ['Opportunity', 'Lead']), sf.obj('Contract', 'edit'), sf.perm('ExportReports')],
    },
    {
      id: `${s}:role/sales-ops`, name: 'Sales Operations', kind: 'role', memberOf: [sf.profile('sales-manager')],
      grants: [sf.obj('Product', 'edit'), sf.obj('Report', 'edit'), sf.obj('Quote', 'delete'), sf.perm('ApiEnabled')],
    },
    {
      id: sf.profile('support-agent'), name: 'Support Agent', kind: 'permission_set', memberOf: [sf.profile('standard-user')],
      grants: [...objs('edit', ['Case', 'Contact']), `${s}:license/service-cloud`],
    },
    { id: sf.profile('support-lead'), name: 'Support Lead', kind: 'permission_set', memberOf: [sf.profile('support-agent')], grants: [sf.obj('Case', 'delete'), sf.perm('ExportReports')] },
    {
      id: sf.profile('marketing-user'), name: 'Marketing User', kind: 'permission_set', memberOf: [sf.profile('standard-user')],
      grants: [...objs('edit', ['Campaign', 'Lead']), `${s}:license/marketing-cloud`],
    },
    {
      id: sf.profile('system-admin'), name: 'System Administrator', kind: 'permission_set', memberOf: [sf.profile('standard-user')],
      grants: [sf.perm('ModifyAllData'), sf.perm('ViewAllData'), sf.perm('ManageUsers'), sf.perm('AuthorApex'), sf.perm('ApiEnabled')],
    },
    {
      id: sf.profile('integration'), name: 'Integration User', kind: 'permission_set',
      grants: [sf.perm('ApiEnabled'), sf.perm('ViewAllData'), ...objs('edit', ['Account', 'Contact', 'Opportunity', 'Case'])],
    },
  ];
  return { id: s, name: 'Salesforce', criticality: 'high', ownerDept: 'Sales', groups: g, entitlements: e };
}

/** SAP Finance duties: [name, sensitivity, privileged, description]. */
const SAP_DUTIES: [string, Level, boolean, string][] = [
  ['display_ledger', 'low', false, 'Display general ledger'],
  ['display_vendor', 'low', false, 'Display vendor master'],
  ['run_reports', 'low', false, 'Run financial reports'],
  ['create_vendor', 'high', true, 'Create vendor master record (FK01)'],
  ['change_vendor_bank', 'critical', true, 'Change vendor bank details'],
  ['create_invoice', 'medium', false, 'Enter vendor invoice (FB60)'],
  ['approve_invoice', 'high', true, 'Approve vendor invoice'],
  ['approve_payment', 'critical', true, 'Approve outgoing payment'],
  ['release_payment_run', 'critical', true, 'Release automatic payment run (F110)'],
  ['post_journal', 'high', true, 'Post journal entry (FB50)'],
  ['approve_journal', 'high', true, 'Approve parked journal entry'],
  ['reverse_journal', 'high', false, 'Reverse journal entry'],
  ['maintain_gl_accounts', 'high', true, 'Maintain G/L account master'],
  ['close_period', 'high', true, 'Open and close posting periods'],
  ['fixed_asset_post', 'medium', false, 'Post fixed asset transactions'],
  ['treasury_transfer', 'critical', true, 'Initiate treasury bank transfer'],
  ['bank_reconciliation', 'medium', false, 'Bank statement reconciliation'],
  ['create_purchase_order', 'medium', false, 'Create purchase order (ME21N)'],
  ['approve_purchase_order', 'high', true, 'Release purchase order'],
  ['goods_receipt', 'medium', false, 'Post goods receipt (MIGO)'],
  ['maintain_cost_centers', 'medium', false, 'Maintain cost centers'],
  ['tax_reporting', 'medium', false, 'Run tax reports'],
  ['basis_user_admin', 'critical', true, 'SAP user administration (SU01)'],
  ['debug_replace', 'critical', true, 'Debug with replace (SE38/SA38)'],
];

export function sapCatalog(): SystemCatalog {
  const s = SYS.sap;
  const e: EntitlementRecord[] = SAP_DUTIES.map(([n, sens, priv, desc]) => ent(s, sap.perm(n), n, 'permission', sens, priv, desc));
  e.push(ent(s, `${s}:license/professional`, 'SAP Professional user', 'license', 'low'), ent(s, `${s}:license/limited`, 'SAP Limited user', 'license', 'low'));
  const p = (...names: string[]) => names.map((n) => sap.perm(n));
  const display = [sap.role('FI_DISPLAY')];
  const g: GroupDef[] = [
    { id: sap.role('FI_DISPLAY'), name: 'FI Display', kind: 'role', grants: [...p('display_ledger', 'display_vendor', 'run_reports'), `${s}:license/limited`] },
    { id: sap.role('FI_USER'), name: 'FI Professional User', kind: 'role', memberOf: display, grants: [`${s}:license/professional`] },
    { id: sap.role('AP_CLERK'), name: 'AP Clerk', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('create_vendor', 'create_invoice') },
    { id: sap.role('AP_SUPERVISOR'), name: 'AP Supervisor', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('approve_invoice', 'approve_payment') },
    { id: sap.role('PAYMENT_RUN'), name: 'Payment Run', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('release_payment_run', 'bank_reconciliation') },
    { id: sap.role('GL_ACCOUNTANT'), name: 'GL Accountant', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('post_journal', 'reverse_journal', 'fixed_asset_post') },
    { id: sap.role('GL_SUPERVISOR'), name: 'GL Supervisor', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('approve_journal', 'close_period', 'maintain_gl_accounts', 'tax_reporting') },
    { id: sap.role('TREASURY'), name: 'Treasury', kind: 'role', memberOf: [sap.role('FI_USER')], grants: p('treasury_transfer', 'bank_reconciliation') },
    { id: sap.role('PROCUREMENT'), name: 'Procurement', kind: 'role', memberOf: display, grants: p('create_purchase_order', 'goods_receipt') },
    { id: sap.role('PURCHASING_MANAGER'), name: 'Purchasing Manager', kind: 'role', memberOf: [sap.role('PROCUREMENT')], grants: p('approve_purchase_order', 'maintain_cost_centers') },
    {
      id: sap.role('CONTROLLER'), name: 'Controller (composite)', kind: 'role',
      memberOf: [sap.role('GL_SUPERVISOR'), sap.role('PAYMENT_RUN'), sap.role('TREASURY')], description: 'Composite role for controllers',
    },
    {
      id: sap.role('FI_SUPERUSER'), name: 'FI Firefighter', kind: 'role', memberOf: [sap.role('CONTROLLER'), sap.role('AP_CLERK'), sap.role('AP_SUPERVISOR')],
      grants: p('basis_user_admin', 'debug_replace', 'change_vendor_bank'), description: 'Emergency access; use must be logged and reviewed',
    },
    // Composite roles three deep (sod-shapes.ts, "nested"): approve_payment sits two composites below the
    // role a user is given, which is how a toxic pair hides from a review that looks only at assigned roles.
    { id: sap.role('AP_PAYMENT_APPROVAL'), name: 'AP Payment Approval (single role)', kind: 'role', grants: p('approve_payment') },
    { id: sap.role('AP_PAYMENTS'), name: 'AP Payments (composite)', kind: 'role', memberOf: [sap.role('AP_PAYMENT_APPROVAL')] },
    {
      id: sap.role('AP_REGIONAL_LEAD'), name: 'AP Regional Lead (composite)', kind: 'role', memberOf: [sap.role('AP_PAYMENTS')],
      description: 'Regional AP lead: payment approval through AP Payments',
    },
  ];
  return { id: s, name: 'SAP S/4HANA Finance', criticality: 'critical', ownerDept: 'Finance', groups: g, entitlements: e };
}

const WD_PERMS: [string, Level, boolean][] = [
  ['view_own_profile', 'low', false], ['request_time_off', 'low', false], ['view_org_chart', 'low', false],
  ['view_team', 'medium', false], ['approve_time_off', 'medium', false], ['view_compensation', 'medium', true],
  ['edit_compensation', 'high', true], ['hire_worker', 'high', false], ['terminate_worker', 'high', true],
  ['view_ssn', 'critical', true], ['view_payroll', 'high', true], ['run_payroll', 'critical', true],
  ['edit_bank_details', 'critical', true], ['security_admin', 'critical', true],
];

export function workdayCatalog(): SystemCatalog {
  const s = SYS.workday;
  const e: EntitlementRecord[] = WD_PERMS.map(([n, sens, priv]) => ent(s, wd.perm(n), n, 'permission', sens, priv));
  e.push(ent(s, `${s}:license/hcm`, 'Workday HCM seat', 'license', 'low'));
  const p = (...names: string[]) => names.map((n) => wd.perm(n));
  const g: GroupDef[] = [
    { id: wd.role('employee'), name: 'Employee Self Service', kind: 'role', grants: [...p('view_own_profile', 'request_time_off', 'view_org_chart'), `${s}:license/hcm`] },
    { id: wd.role('manager'), name: 'Manager Self Service', kind: 'role', memberOf: [wd.role('employee')], grants: p('view_team', 'approve_time_off', 'view_compensation') },
    { id: wd.role('hr-partner'), name: 'HR Partner', kind: 'role', memberOf: [wd.role('manager')], grants: p('hire_worker', 'terminate_worker', 'edit_compensation', 'view_ssn') },
    { id: wd.role('payroll-admin'), name: 'Payroll Administrator', kind: 'role', memberOf: [wd.role('employee')], grants: p('run_payroll', 'view_payroll', 'edit_bank_details') },
    { id: wd.role('security-admin'), name: 'Security Administrator', kind: 'role', grants: p('security_admin') },
    { id: wd.role('hr-admin'), name: 'HR Administrator', kind: 'role', memberOf: [wd.role('hr-partner'), wd.role('security-admin')] },
  ];
  return { id: s, name: 'Workday HCM', criticality: 'high', ownerDept: 'HR', groups: g, entitlements: e };
}

/** Agent tools: [name, sensitivity, privileged]. */
const TOOLS: [string, Level, boolean][] = [
  ['crm.read', 'low', false], ['crm.write', 'medium', false], ['email.read', 'medium', false], ['email.send', 'medium', false],
  ['calendar.read', 'low', false], ['calendar.write', 'low', false], ['payments.read', 'medium', false],
  ['payments.approve', 'critical', true], ['payments.refund', 'high', true], ['tickets.read', 'low', false],
  ['tickets.update', 'low', false], ['tickets.close', 'low', false], ['kb.search', 'low', false], ['kb.write', 'medium', false],
  ['code.search', 'low', false], ['code.write', 'medium', true], ['ci.trigger', 'medium', false], ['deploy.prod', 'critical', true],
  ['db.query', 'high', true], ['db.write', 'critical', true], ['shell.exec', 'critical', true], ['web.fetch', 'low', false],
  ['web.search', 'low', false], ['slack.post', 'low', false], ['slack.read', 'medium', false], ['hr.lookup', 'medium', true],
  ['hr.update', 'critical', true], ['finance.ledger.read', 'medium', false], ['finance.journal.post', 'high', true],
  ['vendor.create', 'high', true], ['docs.read', 'low', false], ['docs.write', 'low', false], ['secrets.read', 'critical', true],
  ['aws.describe', 'low', false], ['aws.admin', 'critical', true], ['github.pr.create', 'medium', false],
  ['github.pr.merge', 'high', true], ['jira.create', 'low', false], ['analytics.query', 'medium', false],
];

export function agentToolsCatalog(): SystemCatalog {
  const s = SYS.agentTools;
  const e: EntitlementRecord[] = TOOLS.map(([n, sens, priv]) => ent(s, agentTools.tool(n), n, 'tool', sens, priv));
  e.push(
    ent(s, agentTools.scope('mcp:connect'), 'mcp:connect', 'scope', 'low'),
    ent(s, agentTools.scope('agents:invoke'), 'agents:invoke', 'scope', 'medium'),
    ent(s, agentTools.scope('agents:admin'), 'agents:admin', 'scope', 'high', true),
    ent(s, `${s}:license/llm-seat`, 'LLM seat', 'license', 'low'),
  );
  const t = (...names: string[]) => names.map((n) => agentTools.tool(n));
  const ts = agentTools.toolset;
  const g: GroupDef[] = [
    { id: ts('base'), name: 'Base toolset', kind: 'permission_set', grants: [agentTools.scope('mcp:connect'), `${s}:license/llm-seat`, ...t('kb.search', 'web.search', 'web.fetch', 'docs.read')] },
    { id: ts('support'), name: 'Support toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('tickets.read', 'tickets.update', 'tickets.close', 'crm.read', 'email.send', 'kb.write', 'slack.post') },
    { id: ts('support-escalation'), name: 'Support escalation toolset', kind: 'permission_set', memberOf: [ts('support')], grants: t('payments.read', 'payments.refund', 'crm.write') },
    { id: ts('sales'), name: 'Sales toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('crm.read', 'crm.write', 'email.read', 'email.send', 'calendar.read', 'calendar.write') },
    { id: ts('marketing'), name: 'Marketing toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('crm.read', 'email.send', 'docs.write', 'slack.post', 'analytics.query') },
    { id: ts('finance'), name: 'Finance toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('finance.ledger.read', 'payments.read', 'vendor.create', 'email.send') },
    { id: ts('finance-approver'), name: 'Finance approver toolset', kind: 'permission_set', memberOf: [ts('finance')], grants: t('payments.approve', 'finance.journal.post') },
    { id: ts('engineering'), name: 'Engineering toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('code.search', 'code.write', 'github.pr.create', 'ci.trigger', 'aws.describe', 'jira.create') },
    { id: ts('sre'), name: 'SRE toolset', kind: 'permission_set', memberOf: [ts('engineering')], grants: t('deploy.prod', 'db.query', 'shell.exec', 'slack.read') },
    {
      id: ts('platform-admin'), name: 'Platform admin toolset', kind: 'permission_set', memberOf: [ts('sre')],
      grants: [...t('aws.admin', 'secrets.read', 'db.write', 'github.pr.merge'), agentTools.scope('agents:admin')],
    },
    { id: ts('hr'), name: 'HR toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('hr.lookup', 'hr.update', 'calendar.read', 'email.send') },
    { id: ts('legal'), name: 'Legal toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('docs.write', 'email.read', 'crm.read') },
    { id: ts('data'), name: 'Data toolset', kind: 'permission_set', memberOf: [ts('base')], grants: t('analytics.query', 'db.query', 'code.search') },
    { id: ts('orchestrator'), name: 'Orchestrator toolset', kind: 'permission_set', memberOf: [ts('base')], grants: [agentTools.scope('agents:invoke'), ...t('slack.post')] },
  ];
  return { id: s, name: 'Agent Tools (internal MCP platform)', criticality: 'high', ownerDept: 'Engineering', groups: g, entitlements: e };
}
