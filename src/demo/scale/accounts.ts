/**
 * Every account the generator writes, remembered compactly for the later phases: its system, its
 * holder, whether it is enabled, when it was created, and its memberships and direct grants as
 * runs of indices (account k's edges are one contiguous slice). About 300k accounts and 3M edges
 * at L, some tens of MB.
 */
import { days, EXPORTED_AT_MS, iso, utc, type Rng } from '../random';
import type { AccountStatus } from '../types';
import type { CatalogBuilder } from './catalog-builder';
import { FloatList, IntList } from '../../typed-lists';
import { EdgeRuns } from './int-list';
import type { RecordSink } from './ndjson-files';

/** Holder encoding: >= 0 a person index, -1 nobody (an orphan), <= -2 the non-human identity -2 - k. */
export const ORPHAN = -1;
export const nhiHolder = (k: number) => -2 - k;

export interface EdgeTimes {
  grantedAt: string;
  expiresAt?: string;
}

export class AccountTable {
  readonly ids: string[] = [];
  readonly system = new IntList(1 << 16);
  readonly holder = new IntList(1 << 16);
  readonly enabled = new IntList(1 << 16);
  readonly createdMs = new FloatList(1 << 16);
  /** Account -> group, active = not expired at the export time. */
  readonly memberships = new EdgeRuns(1 << 20);
  /** Account -> entitlement (direct grants). */
  readonly grants = new EdgeRuns(1 << 16);
  private open = -1;

  constructor(
    private readonly sink: RecordSink,
    private readonly c: CatalogBuilder,
  ) {}

  get count(): number {
    return this.ids.length;
  }

  /** Writes an account; its memberships and grants follow until the next account is added. */
  add(rec: { id: string; system: number; holder: number; identityId?: string; username: string; enabled: boolean; createdMs: number; lastLoginAt?: string }): number {
    this.closeOpen();
    const status: AccountStatus = rec.enabled ? 'enabled' : 'disabled';
    this.sink.write('accounts', {
      id: rec.id,
      systemId: this.c.systemIds[rec.system],
      identityId: rec.identityId,
      username: rec.username,
      status,
      createdAt: iso(rec.createdMs),
      lastLoginAt: rec.lastLoginAt,
    });
    this.ids.push(rec.id);
    this.system.push(rec.system);
    this.holder.push(rec.holder);
    this.enabled.push(rec.enabled ? 1 : 0);
    this.createdMs.push(rec.createdMs);
    this.open = this.ids.length - 1;
    return this.open;
  }

  join(account: number, group: number, times: EdgeTimes): void {
    this.requireOpen(account);
    this.sink.write('memberships', { memberId: this.ids[account], memberType: 'account', groupId: this.c.groupIds[group], ...times });
    this.memberships.add(group, isActive(times));
  }

  directGrant(account: number, entitlement: number, times: EdgeTimes): void {
    this.requireOpen(account);
    this.sink.write('grants', { holderId: this.ids[account], holderType: 'account', entitlementId: this.c.entitlementIds[entitlement], ...times });
    this.grants.add(entitlement, isActive(times));
  }

  settle(): Promise<void> {
    return this.sink.settle();
  }

  /** Ends the last account's edge runs; call once every account is written. */
  finish(): void {
    this.closeOpen();
  }

  private closeOpen(): void {
    if (this.open < 0) return;
    this.memberships.endSource();
    this.grants.endSource();
    this.open = -1;
  }

  private requireOpen(account: number): void {
    // Edge runs are per account in order: an edge for an earlier account would land in the wrong run.
    if (account !== this.open) throw new Error(`scale generator: edges of account ${this.ids[account]} must follow it`);
  }
}

const isActive = (t: EdgeTimes) => t.expiresAt === undefined || Date.parse(t.expiresAt) > EXPORTED_AT_MS;

/**
 * Membership or grant times: granted after the account was created; 'past' lapsed in 2025 (still
 * in the export, as stale access is), 'future' is time-boxed into 2030.
 */
export function edgeTimes(rng: Rng, createdMs: number, expires?: 'past' | 'future'): EdgeTimes {
  if (expires === 'past' && createdMs < utc(2025, 3, 1)) {
    const grantedMs = rng.msBetween(createdMs, utc(2025, 3, 1));
    return { grantedAt: iso(grantedMs), expiresAt: rng.timeBetween(Math.max(grantedMs + days(30), utc(2025, 4, 1)), utc(2025, 12, 31)) };
  }
  const grantedAt = rng.timeBetween(createdMs, Math.min(createdMs + days(rng.chance(0.7) ? 20 : 900), EXPORTED_AT_MS - days(2)));
  return expires !== undefined ? { grantedAt, expiresAt: rng.timeBetween(utc(2030, 1, 1), utc(2030, 12, 31)) } : { grantedAt };
}
