/**
 * Service (workload) identities: owned by engineers and IT people (a few by leavers, a few by
 * nobody), each with many accounts across the infrastructure apps, mostly holding rights directly
 * as service accounts do, and in some projects' writer groups.
 */
import { DEPARTMENTS } from '../names';
import { iso, utc, type Rng } from '../random';
import type { AccountTable } from './accounts';
import type { ScaleCatalog } from './catalog';
import { addNhiAccount, grantRights, joinProjects, type NhiTable } from './nhi-kit';
import type { RecordSink } from './ndjson-files';
import { personId } from './org';
import type { ScalePeople } from './people';

const ROLES = ['api', 'worker', 'sync', 'batch', 'deployer', 'exporter', 'connector', 'scheduler', 'bot', 'gateway', 'consumer', 'indexer'];
const RUNTIMES = [['kubernetes', 50], ['lambda', 20], ['vm', 15], ['github-actions', 15]] as const;
/** Where services have accounts, by weight (infrastructure first). */
const SERVICE_APPS: Record<string, number> = { aws: 5, github: 4, gcp: 2, snowflake: 2, datadog: 2, pagerduty: 1, jira: 1, salesforce: 1, sap: 1, zendesk: 1, servicenow: 1, workday: 0.5, netsuite: 0.5 };
const SERVICE_TIERS = [[0, 30], [1, 60], [2, 10]] as const;

export async function writeServices(sink: RecordSink, rng: Rng, people: ScalePeople, cat: ScaleCatalog, accounts: AccountTable, nhis: NhiTable, count: number): Promise<void> {
  const { org, facts } = people;
  const tech = ['eng', 'it'].flatMap((code) => org.byDept[DEPARTMENTS.findIndex((d) => d.code === code)]).filter((p) => org.level[p] >= 3);
  const active = tech.filter((p) => facts.status[p] === 0);
  const leavers = tech.filter((p) => facts.status[p] === 2);
  const apps = cat.apps.filter((a) => SERVICE_APPS[a.def.key] !== undefined).map((a) => [a, SERVICE_APPS[a.def.key]] as const);
  const names = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    // One service in 20 has no owner and one in 30 is owned by someone who left: findings at every size.
    const owner = i % 20 === 7 ? -1 : i % 30 === 11 && leavers.length > 0 ? rng.pick(leavers) : rng.pick(active);
    const division = owner >= 0 ? org.division[owner] : rng.int(0, org.divisions.length - 1);
    const role = rng.pick(ROLES);
    const base = `${org.divisions[division].slug}-${role}`;
    const n = (names.get(base) ?? 0) + 1;
    names.set(base, n);
    const name = `${base}-${n}`;
    const createdMs = rng.msBetween(utc(2017, 1, 1), utc(2026, 8, 1));
    const s = rng.next();
    const nhi = { id: `svc:${name}`, kind: 'service' as const, owner, division, createdMs };
    sink.write('identities', {
      id: nhi.id,
      kind: 'service',
      displayName: name,
      department: DEPARTMENTS[org.divisions[division].dept].name,
      status: s < 0.02 ? 'terminated' : s < 0.05 ? 'suspended' : 'active',
      ownerId: owner >= 0 ? personId(owner) : undefined,
      purpose: `${role} workload for ${org.divisions[division].name}`,
      createdAt: iso(createdMs),
      attributes: { environment: rng.chance(0.85) ? 'prod' : 'staging', runtime: rng.weighted(RUNTIMES), tier: rng.pick(['tier-1', 'tier-2', 'tier-3']) },
    });
    const k = nhis.add(nhi, accounts);
    const perApp = new Map<string, number>();
    for (let a = Math.min(60, 2 + Math.floor(-Math.log(1 - rng.next()) * 12)); a > 0; a--) {
      const app = rng.weighted(apps);
      const seq = (perApp.get(app.def.key) ?? 0) + 1;
      perApp.set(app.def.key, seq);
      const kind = app.def.key === 'aws' ? 'role' : 'svc';
      const account = addNhiAccount(accounts, rng, k, nhis.list[k], app.system, `${app.def.id}:${kind}/${name}-${seq}`, `${name}-${seq}`);
      if (rng.chance(0.5)) joinProjects(accounts, rng, account, app, division, rng.int(1, 3), SERVICE_TIERS);
      if (rng.chance(0.75)) grantRights(accounts, rng, account, app, rng.int(1, 6), 0.15);
    }
    nhis.close(k, accounts);
    if (i % 50 === 49) await sink.settle();
  }
}
