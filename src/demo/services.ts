/** Service (workload) identities with owners, purposes, and accounts across the estate. */
import type { DemoBuilder } from './builder';
import { aws, github, sap, sf, slack, SYS } from './catalog-kit';
import { TEAM_REPOS } from './catalog-infra';
import { addNhiAccount, chooseOwner, nhiEdgeTimes, type NhiAccount } from './nhi-kit';
import { deptPeople, type Workforce } from './people';
import { iso, Rng, utc } from './random';

const DOMAINS = ['payments', 'billing', 'crm', 'etl', 'ci', 'backup', 'monitoring', 'search', 'reporting', 'identity', 'notifications', 'datalake', 'hr-sync', 'ledger', 'invoice', 'k8s', 'terraform', 'logs', 'scanner', 'mailer'];
const ROLES = ['sync', 'batch', 'deployer', 'exporter', 'worker', 'connector', 'scheduler', 'bot'];
const PURPOSE: Record<string, (d: string) => string> = {
  sync: (d) => `Synchronises ${d} data between systems`,
  batch: (d) => `Runs nightly ${d} batch jobs`,
  deployer: (d) => `Deploys ${d} workloads to production`,
  exporter: (d) => `Exports ${d} data to the warehouse`,
  worker: (d) => `Background worker for ${d}`,
  connector: (d) => `Integration connector for ${d}`,
  scheduler: (d) => `Schedules ${d} jobs`,
  bot: (d) => `Automation bot for ${d}`,
};
const RUNTIMES: readonly (readonly [string, number])[] = [['kubernetes', 50], ['lambda', 20], ['vm', 15], ['github-actions', 15]];

export const SERVICE_COUNT = 60;

export interface ServiceInfo {
  id: string;
  name: string;
  domain: string;
  accounts: NhiAccount[];
}

export function buildServices(b: DemoBuilder, rng: Rng, w: Workforce): ServiceInfo[] {
  const pairs: [string, string][] = [];
  for (const d of DOMAINS) for (const r of ROLES) pairs.push([d, r]);
  const chosen = rng.sample(pairs, SERVICE_COUNT);
  const techPool = [...deptPeople(w, 'Engineering'), ...deptPeople(w, 'IT')].filter((p) => p.level >= 3);
  const services: ServiceInfo[] = [];
  const repos = Object.values(TEAM_REPOS).flat();
  let sapConflictDone = false;
  const awsActions = b.records.entitlements.filter((e) => e.systemId === SYS.aws && !e.privileged).map((e) => e.id);
  chosen.forEach(([domain, role], i) => {
    const name = `${domain}-${role}`;
    const id = `svc:${name}`;
    const unowned = i % 10 === 7; // six services nobody owns
    const owner = unowned ? undefined : chooseOwner(rng, techPool, w.people, i === 3 || i === 21 || i === 44);
    const createdMs = rng.msBetween(utc(2018, 1, 1), utc(2026, 8, 1));
    const runtime = rng.weighted(RUNTIMES);
    b.identity({
      id,
      kind: 'service',
      displayName: name,
      status: rng.chance(0.03) ? 'suspended' : 'active',
      ownerId: owner?.id,
      purpose: PURPOSE[role](domain),
      createdAt: iso(createdMs),
      attributes: { environment: rng.chance(0.85) ? 'prod' : 'staging', runtime, tier: rng.pick(['tier-1', 'tier-2', 'tier-3']) },
    });
    const accounts: NhiAccount[] = [];
    const add = (sys: Parameters<typeof addNhiAccount>[2], accId: string, username: string) => {
      const a = addNhiAccount(b, rng, sys, accId, username, id, createdMs);
      accounts.push(a);
      return a;
    };
    const times = (a: NhiAccount, p = 0) => nhiEdgeTimes(rng, a, rng.chance(p) ? rng.pick(['past', 'future'] as const) : undefined);

    if (runtime === 'kubernetes' || runtime === 'lambda' || ['backup', 'datalake', 'etl', 'logs'].includes(domain)) {
      const a = add('aws', `${SYS.aws}:role/svc-${name}`, `svc-${name}`);
      for (const e of rng.sample(awsActions, rng.int(2, 5))) b.grant(a.id, 'account', e, times(a, 0.1));
    }
    if (role === 'deployer' || role === 'bot' || ['ci', 'scanner', 'terraform', 'k8s'].includes(domain)) {
      const a = add('github', `${SYS.github}:bot/${name}`, `${name}[bot]`);
      if (domain === 'scanner') b.member(a.id, 'account', github.team('engineering'), times(a));
      for (const r of rng.sample(repos, rng.int(1, 3))) b.grant(a.id, 'account', github.repo(r, 'write'), times(a, 0.1));
    }
    if (['crm', 'reporting', 'billing', 'mailer'].includes(domain)) {
      const a = add('salesforce', `salesforce:integration-${name}@acme.example`, `integration-${name}@acme.example`);
      b.member(a.id, 'account', sf.profile('integration'), times(a));
    }
    if (['payments', 'billing', 'ledger', 'invoice'].includes(domain)) {
      const user = `RFC_${name.replace(/-/g, '_').toUpperCase()}`;
      const a = add('sap', `${SYS.sap}:${user}`, user);
      const duties: Record<string, string[]> = {
        // The first payments integration can both create vendors and approve payments (a finding).
        payments: sapConflictDone ? ['display_vendor', 'release_payment_run'] : ['display_vendor', 'release_payment_run', 'approve_payment', 'create_vendor'],
        billing: ['create_invoice', 'display_ledger'],
        ledger: ['post_journal', 'display_ledger'],
        invoice: ['create_invoice', 'display_vendor'],
      };
      for (const d of duties[domain]) b.grant(a.id, 'account', sap.perm(d), times(a));
      if (domain === 'payments') sapConflictDone = true;
    }
    if (domain === 'identity' || domain === 'hr-sync') {
      const a = add('okta', `okta:svc-${name}`, `svc-${name}`);
      const scopes = domain === 'identity' ? ['okta.users.manage', 'okta.groups.manage'] : ['okta.users.read'];
      for (const s of scopes) b.grant(a.id, 'account', `okta:scope:${s}`, times(a));
    }
    if (domain === 'hr-sync') {
      const a = add('workday', `workday:isu-${name}`, `ISU_${name}`);
      for (const p of ['view_org_chart', 'view_compensation', 'view_ssn']) b.grant(a.id, 'account', `${SYS.workday}:${p}`, times(a));
    }
    if (['notifications', 'monitoring', 'mailer', 'logs', 'backup'].includes(domain)) {
      const a = add('slack', `slack:bot-${name}`, `${name}-bot`);
      b.member(a.id, 'account', domain === 'logs' || domain === 'backup' ? slack.group('compliance-bots') : slack.group('bots'), times(a));
    }
    if (accounts.length === 0) {
      const a = add('aws', `${SYS.aws}:role/svc-${name}`, `svc-${name}`);
      for (const e of rng.sample(awsActions, 2)) b.grant(a.id, 'account', e, times(a));
    }
    services.push({ id, name, domain, accounts });
  });
  // A few workloads with standing full admin on the AWS account.
  const awsRoles = services.flatMap((s) => s.accounts).filter((a) => a.sys === 'aws');
  for (const a of rng.sample(awsRoles, 3)) b.grant(a.id, 'account', aws.adminAll, nhiEdgeTimes(rng, a));
  return services;
}
