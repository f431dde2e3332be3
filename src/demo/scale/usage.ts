/**
 * Usage events for 2026-01-01 .. 2026-10-31, written day by day in time order (only one day's
 * events are ever in memory). Who is active is heavy-tailed (a few accounts, services above all,
 * make most events; a quarter of people's app accounts are never used) and each account keeps to
 * a few habits (access-walk.ts), so events gather on a fraction of the grants. About 2% of events
 * name a right the account does not hold (revoked or expired access, as real logs have).
 */
import { ACTIVITY_FROM_MS, ACTIVITY_TO_MS, days, iso, type Rng } from '../random';
import type { UsageRecord } from '../types';
import type { AccessWalker } from './access-walk';
import { ORPHAN, type AccountTable } from './accounts';
import { allocate, pickCumulative } from './allocate';
import type { CatalogBuilder } from './catalog-builder';
import type { RecordSink } from './ndjson-files';

/** Relative activity per hour of the day (UTC): a working day with a long tail. */
const HOURS = [1, 1, 1, 1, 1, 2, 3, 6, 9, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1].map((w, h) => [h, w] as const);

interface Event {
  ms: number;
  account: number;
  entitlement: number;
  count?: number;
}

export async function writeUsage(sink: RecordSink, rng: Rng, seed: number, accounts: AccountTable, c: CatalogBuilder, walker: AccessWalker, target: number): Promise<void> {
  const n = accounts.count;
  // Activity weights: heavy-tailed, zero for accounts that cannot be used (disabled, created after the window).
  const cum = new Float64Array(n);
  const breadth = new Float32Array(n);
  let total = 0;
  for (let a = 0; a < n; a++) {
    const holder = accounts.holder.get(a);
    let w = 0;
    if (accounts.enabled.get(a) && accounts.createdMs.get(a) < ACTIVITY_TO_MS && holdsSomething(accounts, a)) {
      const tail = Math.min(100, Math.pow(1 - rng.next(), -0.6));
      w = holder < ORPHAN ? 6 * tail : holder === ORPHAN ? 0.3 : rng.chance(0.25) ? 0 : tail;
    }
    cum[a] = total += w;
    breadth[a] = 0.5 + rng.next() * 3;
  }
  const bySystem = c.systemIds.map((_, s) => c.entitlementsOf(s));
  const dayCount = Math.ceil((ACTIVITY_TO_MS - ACTIVITY_FROM_MS) / days(1));
  const weekend = (d: number) => [0, 6].includes(new Date(ACTIVITY_FROM_MS + days(d)).getUTCDay());
  const perDay = allocate(target, Array.from({ length: dayCount }, (_, d) => (weekend(d) ? 0.2 : 1)));

  for (let d = 0; d < dayCount; d++) {
    const dayStart = ACTIVITY_FROM_MS + days(d);
    const events: Event[] = [];
    for (let misses = 0; events.length < perDay[d] && total > 0; ) {
      // Every weighted account holds something, so misses are rare; a bound keeps a bug from spinning forever.
      if (misses > 1_000_000) throw new Error('scale generator: usage found nothing to use');
      const ms = Math.min(ACTIVITY_TO_MS, dayStart + rng.weighted(HOURS) * 3_600_000 + rng.int(0, 3599) * 1000);
      const account = pickCumulative(cum, rng.next() * total);
      if (accounts.createdMs.get(account) > ms) {
        misses++;
        continue;
      }
      let entitlement = -1;
      if (rng.chance(0.02)) entitlement = rng.pick(bySystem[accounts.system.get(account)]);
      else for (let tries = 0; tries < 4 && entitlement < 0; tries++) entitlement = walker.habit(seed, account, Math.floor(-Math.log(1 - rng.next()) * breadth[account]));
      if (entitlement < 0) {
        misses++;
        continue;
      }
      const event: Event = { ms, account, entitlement };
      const nhi = accounts.holder.get(account) < ORPHAN;
      if (rng.chance(nhi ? 0.6 : 0.08)) event.count = nhi ? rng.int(2, 500) : rng.int(2, 40);
      events.push(event);
    }
    events.sort((x, y) => x.ms - y.ms || x.account - y.account || x.entitlement - y.entitlement);
    // Date.toISOString for 10M events costs more than the rest of the row; the day's date is shared.
    const date = iso(dayStart).slice(0, 11);
    for (const e of events) {
      const row: UsageRecord = { accountId: accounts.ids[e.account], entitlementId: c.entitlementIds[e.entitlement], at: date + clock(e.ms - dayStart), count: e.count };
      sink.write('usage', row);
    }
    await sink.settle();
  }
}

function holdsSomething(accounts: AccountTable, a: number): boolean {
  const { memberships, grants } = accounts;
  for (let i = memberships.first(a); i < memberships.end(a); i++) if (memberships.active.get(i)) return true;
  for (let i = grants.first(a); i < grants.end(a); i++) if (grants.active.get(i)) return true;
  return false;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `HH:MM:SSZ` of an offset into a UTC day, in whole seconds. */
function clock(msIntoDay: number): string {
  const s = Math.floor(msIntoDay / 1000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}Z`;
}
