/** Helpers shared by service and agent identities: accounts, grant times and owner choice. */
import type { DemoBuilder, EdgeTimes } from './builder';
import type { SysKey } from './account-factory';
import { SYS } from './catalog-kit';
import { isActive, type Person } from './people';
import { ACTIVITY_TO_MS, days, EXPORTED_AT_MS, iso, Rng, utc } from './random';

export interface NhiAccount {
  id: string;
  sys: SysKey;
  createdMs: number;
}

/** Adds a non-human account; disabled with probability `pDisabled`. */
export function addNhiAccount(
  b: DemoBuilder,
  rng: Rng,
  sys: SysKey,
  id: string,
  username: string,
  identityId: string | undefined,
  createdFromMs: number,
  pDisabled = 0.04,
): NhiAccount {
  const createdMs = Math.min(createdFromMs + rng.int(0, 20) * days(1) + rng.int(0, 86_399) * 1000, EXPORTED_AT_MS - days(2));
  const enabled = !rng.chance(pDisabled);
  const r = rng.next();
  let lastLoginAt: string | undefined;
  if (r < 0.05) lastLoginAt = undefined;
  else if (r < 0.15 || !enabled) lastLoginAt = rng.timeBetween(createdMs, Math.max(createdMs, utc(2025, 12, 31)));
  else lastLoginAt = rng.timeBetween(Math.max(createdMs, utc(2026, 10, 1)), ACTIVITY_TO_MS);
  b.account({
    id,
    systemId: SYS[sys],
    identityId,
    username,
    status: enabled ? 'enabled' : 'disabled',
    createdAt: iso(createdMs),
    lastLoginAt,
  });
  return { id, sys, createdMs };
}

/** Grant/membership times for an NHI account: granted after creation; optional expiry. */
export function nhiEdgeTimes(rng: Rng, a: NhiAccount, expires?: 'past' | 'future'): EdgeTimes {
  if (expires === 'past' && a.createdMs < utc(2025, 3, 1)) {
    const granted = rng.msBetween(a.createdMs, utc(2025, 3, 1));
    return { grantedAt: iso(granted), expiresAt: rng.timeBetween(utc(2025, 4, 1), utc(2025, 12, 31)) };
  }
  const grantedAt = rng.timeBetween(a.createdMs, Math.min(a.createdMs + days(60), ACTIVITY_TO_MS));
  return expires ? { grantedAt, expiresAt: rng.timeBetween(utc(2030, 1, 1), utc(2030, 12, 31)) } : { grantedAt };
}

/** An owner from `pool` (active preferred); `wantTerminated` picks a leaver when one exists. */
export function chooseOwner(rng: Rng, pool: readonly Person[], fallback: readonly Person[], wantTerminated = false): Person {
  if (wantTerminated) {
    const leavers = pool.filter((p) => p.status === 'terminated');
    const any = leavers.length > 0 ? leavers : fallback.filter((p) => p.status === 'terminated');
    if (any.length > 0) return rng.pick(any);
  }
  const active = pool.filter(isActive);
  return rng.pick(active.length > 0 ? active : fallback.filter(isActive));
}
