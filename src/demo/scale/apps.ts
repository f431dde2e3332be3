/**
 * The applications of the scale enterprise, besides the directory (Okta) and the agent-tool
 * platform: who gets an account on each (by department) and what their resources are called.
 * Fixed at every size: a 2,000-person company and a 100,000-person one run the same products.
 */
import type { Level } from '../types';

export interface AppDef {
  /** Short name used in group and entitlement names. */
  key: string;
  /** System id; every id on the system starts with it. */
  id: string;
  name: string;
  criticality: Level;
  /** Department code whose head owns the system. */
  ownerDept: string;
  /** What the app's projects work on: repositories, buckets, spaces... */
  resource: string;
  /** Chance that a person of each department (by code) has an account here. */
  reach: Readonly<Record<string, number>>;
  /** Rights every account gets through the app's all-users group. */
  base: readonly string[];
  /** Services and agents get accounts here too. */
  nhi: boolean;
  /** Account id of a person with this username. */
  humanAccount(username: string): string;
}

const app = (def: Omit<AppDef, 'humanAccount'> & { humanAccount?: AppDef['humanAccount'] }): AppDef => ({
  humanAccount: (u) => `${def.id}:${u}`,
  ...def,
});

export const APPS: readonly AppDef[] = [
  app({ key: 'github', id: 'github:acme', name: 'GitHub (acme org)', criticality: 'high', ownerDept: 'eng', resource: 'repo', reach: { eng: 0.61, it: 0.14, prod: 0.25 }, base: ['org-member', 'copilot-seat'], nhi: true, humanAccount: (u) => `github:acme:${u.replace(/\./g, '-')}` }),
  app({ key: 'aws', id: 'aws:123456789012', name: 'AWS production account', criticality: 'critical', ownerDept: 'eng', resource: 'bucket', reach: { eng: 0.32, it: 0.22, fin: 0.03 }, base: ['console-login'], nhi: true, humanAccount: (u) => `aws:123456789012:user/${u}` }),
  app({ key: 'gcp', id: 'gcp:acme-data', name: 'Google Cloud (data platform)', criticality: 'high', ownerDept: 'eng', resource: 'dataset', reach: { eng: 0.14, mkt: 0.04, fin: 0.04 }, base: ['project-viewer'], nhi: true, humanAccount: (u) => `gcp:acme-data:user/${u}` }),
  app({ key: 'jira', id: 'jira', name: 'Jira', criticality: 'medium', ownerDept: 'eng', resource: 'project', reach: { eng: 0.58, prod: 0.58, it: 0.36, support: 0.18, ops: 0.11, mkt: 0.07 }, base: ['jira-user'], nhi: true }),
  app({ key: 'confluence', id: 'confluence', name: 'Confluence', criticality: 'low', ownerDept: 'eng', resource: 'space', reach: { eng: 0.25, prod: 0.43, mkt: 0.25, hr: 0.25, legal: 0.22, it: 0.29, ops: 0.14 }, base: ['confluence-user'], nhi: false }),
  app({ key: 'salesforce', id: 'salesforce', name: 'Salesforce', criticality: 'high', ownerDept: 'sales', resource: 'territory', reach: { sales: 0.65, support: 0.29, mkt: 0.29, legal: 0.07 }, base: ['sales-cloud-license', 'api-enabled'], nhi: true }),
  app({ key: 'zendesk', id: 'zendesk', name: 'Zendesk', criticality: 'medium', ownerDept: 'support', resource: 'queue', reach: { support: 0.65, sales: 0.06 }, base: ['agent-seat'], nhi: true }),
  app({ key: 'sap', id: 'sap:fin', name: 'SAP Finance', criticality: 'critical', ownerDept: 'fin', resource: 'company-code', reach: { fin: 0.61, ops: 0.32 }, base: ['sap-gui-login'], nhi: true }),
  app({ key: 'snowflake', id: 'snowflake', name: 'Snowflake', criticality: 'high', ownerDept: 'eng', resource: 'database', reach: { eng: 0.11, fin: 0.18, mkt: 0.11, sales: 0.04 }, base: ['public-role'], nhi: true, humanAccount: (u) => `snowflake:${u.toUpperCase()}` }),
  app({ key: 'servicenow', id: 'servicenow', name: 'ServiceNow', criticality: 'medium', ownerDept: 'it', resource: 'assignment-group', reach: { it: 0.65, support: 0.11, ops: 0.18, hr: 0.14 }, base: ['itil-user'], nhi: true }),
  app({ key: 'datadog', id: 'datadog', name: 'Datadog', criticality: 'medium', ownerDept: 'eng', resource: 'dashboard', reach: { eng: 0.29, it: 0.18 }, base: ['standard-user'], nhi: true }),
  app({ key: 'pagerduty', id: 'pagerduty', name: 'PagerDuty', criticality: 'medium', ownerDept: 'eng', resource: 'service', reach: { eng: 0.18, it: 0.18, support: 0.04 }, base: ['responder'], nhi: true }),
  app({ key: 'workday', id: 'workday', name: 'Workday (HR admin)', criticality: 'high', ownerDept: 'hr', resource: 'org', reach: { hr: 0.65, fin: 0.14 }, base: ['hr-partner'], nhi: true }),
  app({ key: 'tableau', id: 'tableau', name: 'Tableau', criticality: 'low', ownerDept: 'fin', resource: 'workbook', reach: { fin: 0.25, sales: 0.18, mkt: 0.22, ops: 0.18, support: 0.07 }, base: ['viewer-license'], nhi: false }),
  app({ key: 'netsuite', id: 'netsuite', name: 'NetSuite', criticality: 'high', ownerDept: 'fin', resource: 'subsidiary', reach: { fin: 0.29, ops: 0.22 }, base: ['netsuite-login'], nhi: true }),
];

/** Sensitivity and privilege of a resource right by tier; admin rights are privileged. */
export const TIERS = [
  { tier: 'read', group: 'readers', sensitivity: 'low' },
  { tier: 'write', group: 'writers', sensitivity: 'medium' },
  { tier: 'admin', group: 'admins', sensitivity: 'high' },
] as const;

/** Words resource names are made of: `<division>-<word>-<n>`. */
export const RESOURCE_WORDS = [
  'core', 'api', 'web', 'ledger', 'billing', 'reports', 'etl', 'infra', 'mobile', 'search', 'auth', 'events', 'ml', 'docs', 'ops',
  'analytics', 'portal', 'gateway', 'catalog', 'orders', 'pricing', 'risk', 'audit', 'sync', 'ingest',
] as const;
