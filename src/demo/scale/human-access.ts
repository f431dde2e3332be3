/**
 * Every person's accounts and what they join: the directory account in the person's org group,
 * location and distribution lists, app-assignment groups; app accounts by department reach, each in
 * a handful of projects at a tier (mostly readers); agent-tool accounts in the division's toolset;
 * a few direct grants. Leavers keep some enabled accounts and contractors' access is time-boxed,
 * some of it lapsed and never cleaned up.
 */
import { DEPARTMENTS } from '../names';
import { ACTIVITY_TO_MS, days, EXPORTED_AT_MS, utc, type Rng } from '../random';
import { AccountTable, edgeTimes } from './accounts';
import { cumulative, pickCumulative, zipf } from './allocate';
import type { AppCatalog } from './app-catalog';
import type { ScaleCatalog } from './catalog';
import { AGENT_TOOLS_APP } from './directory';
import { CONTRACTOR, INTERN, NO_DEPT, personId } from './org';
import type { ScalePeople } from './people';

/** Share of each department with an agent-tool account. */
const TOOL_REACH: Record<string, number> = { eng: 0.25, support: 0.35, sales: 0.2, fin: 0.2, it: 0.2, mkt: 0.15, hr: 0.1, legal: 0.1, ops: 0.08, prod: 0.2 };
const ADMIN_ROLE_CHANCE = [0.002, 0.005, 0.03, 0.0]; // super, org, helpdesk (IT only); report admins are finance's
/** Tier odds (readers, writers, admins) for people who lead and for the rest. */
const LEAD_TIERS = [[0, 50], [1, 35], [2, 15]] as const;
const IC_TIERS = [[0, 70], [1, 26], [2, 4]] as const;

type Expiry = 'past' | 'future' | undefined;

/** Pickers over Zipf-weighted lists: the first entries are the popular ones. */
class PopularPick {
  private readonly cum: Float64Array;
  constructor(
    readonly items: readonly number[],
    exponent = 0.9,
  ) {
    this.cum = cumulative(items.map((_, i) => zipf(i, exponent)));
  }
  pick(rng: Rng): number {
    return this.items[pickCumulative(this.cum, rng.next() * this.cum[this.cum.length - 1])];
  }
}

export interface HumanAccounts {
  /** Person p's accounts are [firstAccount[p], firstAccount[p + 1]). */
  firstAccount: Int32Array;
}

export async function writeHumanAccess(rng: Rng, people: ScalePeople, cat: ScaleCatalog, accounts: AccountTable): Promise<HumanAccounts> {
  const { org, facts, username } = people;
  const dir = cat.directory;
  const listsOfDivision = org.divisions.map((_, v) => new PopularPick(dir.distributionLists.filter((_, k) => dir.listDivision[k] === v)));
  const allLists = new PopularPick(dir.distributionLists);
  const projectPicks = cat.apps.map((a) => new Map([...a.projectsOfDivision].map(([v, list]) => [v, new PopularPick(list, 0.6)])));
  const anyDivision = projectPicks.map((byDivision) => [...byDivision.values()]);
  const firstAccount = new Int32Array(org.count + 1);

  for (let p = 0; p < org.count; p++) {
    firstAccount[p] = accounts.count;
    const status = facts.status[p];
    const contractor = facts.employeeType[p] === CONTRACTOR;
    const lead = org.level[p] <= 4;
    const keepsSso = status === 2 && rng.chance(0.15);
    // Leavers' SSO is normally switched off; apps with their own logins are often missed.
    const enabled = (directory: boolean) => (status === 0 ? !rng.chance(0.02) : status === 1 ? !directory && rng.chance(0.7) : directory ? keepsSso : rng.chance(0.12));
    const expiry = (): Expiry => (contractor ? (rng.chance(0.3) ? 'past' : 'future') : rng.chance(0.03) ? 'past' : undefined);
    const newAccount = (system: number, id: string, directory: boolean) => {
      const delay = directory ? rng.int(0, 3) : rng.chance(0.3) ? rng.int(0, 365) : rng.int(0, 14);
      // Never after the person left, nor after the export.
      const latest = Number.isNaN(facts.terminatedMs[p]) ? EXPORTED_AT_MS - days(2) : facts.terminatedMs[p] - days(1);
      const createdMs = Math.min(facts.hireMs[p] + days(delay) + rng.int(0, 86_399) * 1000, latest);
      const on = enabled(directory);
      return accounts.add({ id, system, holder: p, identityId: personId(p), username: username[p], enabled: on, createdMs, lastLoginAt: lastLogin(rng, on, createdMs, facts.terminatedMs[p]) });
    };

    const okta = newAccount(dir.system, `okta:${username[p]}`, true);
    const oktaCreated = accounts.createdMs.get(okta);
    const level = org.level[p];
    const home = level === 0 ? dir.everyone : level === 1 ? dir.deptGroup[org.dept[p]] : level === 2 ? dir.divisionGroup[org.division[p]] : level === 3 ? dir.unitGroup[org.unit[p]] : dir.teamGroup[org.team[p]];
    const oktaGroups = new Set<number>([home, dir.locationGroup[facts.location[p]]]);
    const lists = org.division[p] >= 0 ? listsOfDivision[org.division[p]] : allLists;
    for (let k = rng.int(5, 19) + (lead ? 2 : 0); k > 0; k--) oktaGroups.add(lists.items.length > 0 && rng.chance(0.6) ? lists.pick(rng) : allLists.pick(rng));
    const deptCode = org.dept[p] === NO_DEPT ? '' : DEPARTMENTS[org.dept[p]].code;
    if (deptCode === 'it') ADMIN_ROLE_CHANCE.forEach((chance, r) => rng.chance(chance) && oktaGroups.add(dir.adminGroups[r]));
    if (deptCode === 'fin' && rng.chance(0.01)) oktaGroups.add(dir.adminGroups[3]);

    const apps: [AppCatalog, number][] = [];
    cat.apps.forEach((a, i) => deptCode && rng.chance(a.def.reach[deptCode] ?? 0) && apps.push([a, i]));
    const tools = deptCode !== '' && rng.chance(TOOL_REACH[deptCode] ?? 0);
    for (const [a] of apps) oktaGroups.add(dir.appGroup.get(a.def.key)!);
    if (tools) oktaGroups.add(dir.appGroup.get(AGENT_TOOLS_APP)!);
    // The home group is never left to lapse: the org tree is what the benchmark's what-ifs move.
    for (const g of oktaGroups) accounts.join(okta, g, edgeTimes(rng, oktaCreated, g === home && !contractor ? undefined : expiry()));

    for (const [a, i] of apps) {
      const account = newAccount(a.system, a.def.humanAccount(username[p]), false);
      const created = accounts.createdMs.get(account);
      const own = projectPicks[i].get(org.division[p]);
      const joined = new Set<number>();
      for (let k = Math.min(50, 1 + Math.floor(-Math.log(1 - rng.next()) * 12)); k > 0; k--) {
        const pick = own && rng.chance(0.8) ? own : rng.pick(anyDivision[i]);
        const project = a.projects[pick.pick(rng)];
        const tier = facts.employeeType[p] === INTERN ? 0 : rng.weighted(lead ? LEAD_TIERS : IC_TIERS);
        joined.add(project.tiers[tier]);
      }
      for (const g of joined) accounts.join(account, g, edgeTimes(rng, created, expiry()));
      // A sprinkling of one-off direct grants, now and then of an admin right.
      if (rng.chance(0.04)) {
        for (let k = rng.int(1, 2); k > 0; k--) {
          const r = rng.int(0, a.rights.length / 3 - 1) * 3 + (rng.chance(0.1) ? 2 : rng.int(0, 1));
          accounts.directGrant(account, a.rights[r], edgeTimes(rng, created, rng.chance(0.15) ? 'past' : undefined));
        }
      }
    }
    if (tools) {
      const account = newAccount(cat.tools.system, `agent-tools:user/${username[p]}`, false);
      // Department heads belong to no division: they get the department's toolset.
      const toolset = org.division[p] >= 0 ? cat.tools.divisionToolset[org.division[p]] : cat.tools.deptToolset[org.dept[p]];
      accounts.join(account, toolset, edgeTimes(rng, accounts.createdMs.get(account), expiry()));
    }
    if (p % 200 === 199) await accounts.settle();
  }
  firstAccount[org.count] = accounts.count;
  return { firstAccount };
}

function lastLogin(rng: Rng, enabled: boolean, createdMs: number, terminatedMs: number): string | undefined {
  const r = rng.next();
  if (r < 0.03) return undefined;
  if (!Number.isNaN(terminatedMs)) {
    // Some leavers' still-enabled accounts are used after they left: a finding worth surfacing.
    if (enabled && r < 0.2) return rng.timeBetween(Math.max(createdMs, terminatedMs + days(1)), ACTIVITY_TO_MS);
    return rng.timeBetween(createdMs, Math.max(createdMs, terminatedMs));
  }
  if (!enabled) return rng.timeBetween(createdMs, Math.max(createdMs, utc(2026, 6, 1)));
  if (r < 0.08) return rng.timeBetween(createdMs, Math.max(createdMs, utc(2025, 12, 31)));
  return rng.timeBetween(Math.max(createdMs, utc(2026, 8, 1)), Math.max(createdMs, ACTIVITY_TO_MS));
}
