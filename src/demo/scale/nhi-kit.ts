/** What services and agents share: their table, account creation, and joining app projects. */
import { ACTIVITY_TO_MS, days, EXPORTED_AT_MS, utc, type Rng } from '../random';
import { edgeTimes, nhiHolder, type AccountTable } from './accounts';
import type { AppCatalog } from './app-catalog';

export interface Nhi {
  id: string;
  kind: 'service' | 'agent';
  /** Accountable person, or -1 when nobody owns it (a finding). */
  owner: number;
  /** -1 for agents of department heads, who belong to no division. */
  division: number;
  createdMs: number;
  /** Its accounts are [firstAccount, endAccount). */
  firstAccount: number;
  endAccount: number;
}

/** Services first, then agents, in id order; index k is account holder nhiHolder(k). */
export class NhiTable {
  readonly list: Nhi[] = [];

  add(nhi: Omit<Nhi, 'firstAccount' | 'endAccount'>, accounts: AccountTable): number {
    return this.list.push({ ...nhi, firstAccount: accounts.count, endAccount: accounts.count }) - 1;
  }

  /** Records where the NHI's accounts end; its accounts are written right after `add`. */
  close(k: number, accounts: AccountTable): void {
    this.list[k].endAccount = accounts.count;
  }
}

export function addNhiAccount(accounts: AccountTable, rng: Rng, k: number, nhi: Nhi, system: number, id: string, username: string, pDisabled = 0.04): number {
  const createdMs = Math.min(nhi.createdMs + days(rng.int(0, 20)) + rng.int(0, 86_399) * 1000, EXPORTED_AT_MS - days(2));
  const enabled = !rng.chance(pDisabled);
  const r = rng.next();
  let lastLoginAt: string | undefined;
  if (r < 0.05) lastLoginAt = undefined;
  else if (r < 0.15 || !enabled) lastLoginAt = rng.timeBetween(createdMs, Math.max(createdMs, utc(2025, 12, 31)));
  else lastLoginAt = rng.timeBetween(Math.max(createdMs, utc(2026, 10, 1)), Math.max(createdMs, ACTIVITY_TO_MS));
  return accounts.add({ id, system, holder: nhiHolder(k), identityId: nhi.id, username, enabled, createdMs, lastLoginAt });
}

/** Joins `count` distinct projects of the app, the division's own when it has some, at tiers drawn from `tiers`. */
export function joinProjects(accounts: AccountTable, rng: Rng, account: number, app: AppCatalog, division: number, count: number, tiers: readonly (readonly [number, number])[]): void {
  const own = app.projectsOfDivision.get(division);
  const created = accounts.createdMs.get(account);
  const joined = new Set<number>();
  for (let i = 0; i < count; i++) {
    const p = own && rng.chance(0.8) ? rng.pick(own) : rng.int(0, app.projects.length - 1);
    joined.add(app.projects[p].tiers[rng.weighted(tiers)]);
  }
  for (const g of joined) accounts.join(account, g, edgeTimes(rng, created, rng.chance(0.03) ? 'past' : undefined));
}

/** Direct grants of the app's resource rights; `adminShare` of them are admin rights. */
export function grantRights(accounts: AccountTable, rng: Rng, account: number, app: AppCatalog, count: number, adminShare: number): void {
  const created = accounts.createdMs.get(account);
  const given = new Set<number>();
  for (let i = 0; i < count; i++) given.add(app.rights[rng.int(0, app.rights.length / 3 - 1) * 3 + (rng.chance(adminShare) ? 2 : rng.int(0, 1))]);
  for (const e of given) accounts.directGrant(account, e, edgeTimes(rng, created, rng.chance(0.05) ? 'past' : undefined));
}
