/**
 * Creates human accounts with realistic status, creation and last-login times, and adds their
 * memberships and direct grants. One account per (person, system); asking again returns it.
 */
import type { DemoBuilder, EdgeTimes } from './builder';
import { SYS } from './catalog-kit';
import type { Person } from './people';
import { ACTIVITY_TO_MS, days, EXPORTED_AT_MS, iso, Rng, utc } from './random';

export type SysKey = keyof typeof SYS;

/** When each system went live; accounts are never older than their system. */
const LAUNCH: Record<SysKey, number> = {
  okta: utc(2015, 1, 5), aws: utc(2014, 6, 1), github: utc(2014, 2, 1), salesforce: utc(2016, 3, 1),
  sap: utc(2018, 1, 8), workday: utc(2017, 7, 1), slack: utc(2015, 4, 1), agentTools: utc(2024, 6, 3),
};

/** Systems whose accounts are sometimes linked by e-mail only (no identityId). */
const EMAIL_LINKED: ReadonlySet<SysKey> = new Set<SysKey>(['slack', 'salesforce']);

function handle(sys: SysKey, p: Person, sapUser: string): [id: string, username: string] {
  const u = p.username;
  switch (sys) {
    case 'okta': return [`okta:${u}`, p.email];
    case 'aws': return [`${SYS.aws}:user/${u}`, u];
    case 'github': return [`${SYS.github}:${u.replace(/\./g, '-')}`, u.replace(/\./g, '-')];
    case 'salesforce': return [`salesforce:${p.email}`, p.email];
    case 'sap': return [`${SYS.sap}:${sapUser}`, sapUser];
    case 'workday': return [`workday:${p.id.slice(p.id.indexOf(':') + 1)}`, u];
    case 'slack': return [`slack:${u}`, u];
    case 'agentTools': return [`agent-tools:user/${u}`, p.email];
  }
}

export class HumanAccounts {
  private readonly byPerson = new Map<string, Map<SysKey, string>>();
  private readonly createdMs = new Map<string, number>();
  private readonly leaverKeepsSso = new Map<string, boolean>();
  private readonly sapUsers = new Set<string>();
  private readonly sapUserOf = new Map<string, string>();

  constructor(
    private readonly b: DemoBuilder,
    private readonly rng: Rng,
  ) {}

  get(p: Person, sys: SysKey): string | undefined {
    return this.byPerson.get(p.id)?.get(sys);
  }

  /** The person's account on `sys`, created on first request. */
  ensure(p: Person, sys: SysKey): string {
    const existing = this.get(p, sys);
    if (existing) return existing;
    const [id, username] = handle(sys, p, sys === 'sap' ? this.sapUser(p) : '');
    const rng = this.rng;
    const createdMs = Math.min(Math.max(p.hireMs, LAUNCH[sys]) + rng.int(0, 14) * days(1) + rng.int(0, 86_399) * 1000, EXPORTED_AT_MS - days(2));
    const enabled = this.enabled(p, sys);
    const byEmail = EMAIL_LINKED.has(sys) && rng.chance(0.015);
    this.b.account({
      id,
      systemId: SYS[sys],
      identityId: byEmail ? undefined : p.id,
      identityEmail: byEmail ? p.email : undefined,
      username,
      status: enabled ? 'enabled' : 'disabled',
      createdAt: iso(createdMs),
      lastLoginAt: this.lastLogin(p, enabled, createdMs),
    });
    this.createdMs.set(id, createdMs);
    let mine = this.byPerson.get(p.id);
    if (!mine) this.byPerson.set(p.id, (mine = new Map()));
    mine.set(sys, id);
    return id;
  }

  /** Account creation time (ms) of an account made here. */
  created(accountId: string): number {
    return this.createdMs.get(accountId) ?? utc(2020, 1, 1);
  }

  /** Puts the account in a group; `expires` adds an expiry ('past' = already lapsed in 2025). */
  join(accountId: string, groupId: string, expires?: 'past' | 'future'): void {
    this.b.member(accountId, 'account', groupId, this.edgeTimes(accountId, expires));
  }

  /** A direct account -> entitlement grant. */
  directGrant(accountId: string, entitlementId: string, expires?: 'past' | 'future'): void {
    this.b.grant(accountId, 'account', entitlementId, this.edgeTimes(accountId, expires));
  }

  private edgeTimes(accountId: string, expires?: 'past' | 'future'): EdgeTimes {
    const created = this.created(accountId);
    const rng = this.rng;
    // An account too young to hold an edge that lapsed in 2025 gets a future expiry instead.
    if (expires === 'past' && created < utc(2025, 3, 1)) {
      const grantedMs = rng.msBetween(created, utc(2025, 3, 1));
      return { grantedAt: iso(grantedMs), expiresAt: rng.timeBetween(Math.max(grantedMs + days(30), utc(2025, 4, 1)), utc(2025, 12, 31)) };
    }
    const grantedAt = rng.timeBetween(created, Math.min(created + days(rng.chance(0.7) ? 20 : 900), ACTIVITY_TO_MS));
    return expires !== undefined ? { grantedAt, expiresAt: rng.timeBetween(utc(2030, 1, 1), utc(2030, 12, 31)) } : { grantedAt };
  }

  private enabled(p: Person, sys: SysKey): boolean {
    const rng = this.rng;
    if (p.status === 'active') return !rng.chance(0.02);
    if (p.status === 'suspended') return sys !== 'okta' && rng.chance(0.7);
    let keeps = this.leaverKeepsSso.get(p.id);
    if (keeps === undefined) this.leaverKeepsSso.set(p.id, (keeps = rng.chance(0.15)));
    // A terminated person's SSO account is normally disabled; direct-login apps are often missed.
    return sys === 'okta' ? keeps : rng.chance(0.12);
  }

  private lastLogin(p: Person, enabled: boolean, createdMs: number): string | undefined {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.03) return undefined;
    if (p.status === 'terminated' && p.terminatedMs !== undefined) {
      // Some leavers' still-enabled accounts are used after they left: a finding worth surfacing.
      if (enabled && r < 0.2) return rng.timeBetween(Math.max(createdMs, p.terminatedMs + days(1)), ACTIVITY_TO_MS);
      return rng.timeBetween(createdMs, Math.max(createdMs, p.terminatedMs));
    }
    if (!enabled) return rng.timeBetween(createdMs, Math.max(createdMs, utc(2026, 6, 1)));
    if (r < 0.08) return rng.timeBetween(createdMs, Math.max(createdMs, utc(2025, 12, 31)));
    return rng.timeBetween(Math.max(createdMs, utc(2026, 8, 1)), ACTIVITY_TO_MS);
  }

  private sapUser(p: Person): string {
    const known = this.sapUserOf.get(p.id);
    if (known) return known;
    const base = (p.first[0] + p.last).toUpperCase().replace(/[^A-Z]/g, '').slice(0, 10);
    let user = base;
    for (let n = 2; this.sapUsers.has(user); n++) user = `${base}${n}`;
    this.sapUsers.add(user);
    this.sapUserOf.set(p.id, user);
    return user;
  }
}
