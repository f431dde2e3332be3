/**
 * Accounts nobody owns: leftovers of migrations and departed contractors on the infrastructure and
 * finance apps, half still enabled, some in admin groups. Findings, not errors (the spec).
 */
import { utc, type Rng } from '../random';
import { ORPHAN, type AccountTable } from './accounts';
import type { ScaleCatalog } from './catalog';
import { grantRights, joinProjects } from './nhi-kit';

const ORPHAN_APPS = ['aws', 'github', 'snowflake', 'salesforce', 'jira', 'sap'];
const LEGACY = ['migration', 'test', 'temp', 'contractor', 'vendor', 'old', 'legacy', 'shared', 'admin', 'svc'];
const ORPHAN_TIERS = [[0, 50], [1, 30], [2, 20]] as const;

export async function writeOrphans(rng: Rng, cat: ScaleCatalog, accounts: AccountTable, count: number, divisions: number): Promise<void> {
  const apps = cat.apps.filter((a) => ORPHAN_APPS.includes(a.def.key));
  const used = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const app = rng.pick(apps);
    const word = rng.pick(LEGACY);
    const key = `${app.def.key}/${word}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    const username = `${word}-${n}`;
    const createdMs = rng.msBetween(utc(2014, 1, 1), utc(2024, 12, 31));
    const enabled = rng.chance(0.5);
    const lastLoginAt = rng.chance(0.3) ? undefined : rng.timeBetween(createdMs, enabled ? utc(2026, 10, 30) : utc(2025, 6, 30));
    const account = accounts.add({ id: `${app.def.id}:legacy/${username}`, system: app.system, holder: ORPHAN, username, enabled, createdMs, lastLoginAt });
    joinProjects(accounts, rng, account, app, rng.int(0, divisions - 1), rng.int(0, 3), ORPHAN_TIERS);
    if (rng.chance(0.2)) grantRights(accounts, rng, account, app, rng.int(1, 2), 0.3);
    if (i % 200 === 199) await accounts.settle();
  }
}
