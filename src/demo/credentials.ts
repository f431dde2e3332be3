/** Secrets held by services, agents and orphaned accounts: some stale, some never rotated, some without expiry. */
import type { AgentInfo } from './agents';
import type { DemoBuilder } from './builder';
import type { NhiAccount } from './nhi-kit';
import { ACTIVITY_TO_MS, days, EXPORTED_AT_MS, iso, Rng, utc } from './random';
import type { ServiceInfo } from './services';
import type { CredentialType } from './types';

interface Holder {
  id: string;
  type: 'identity' | 'account';
  createdMs: number;
}

export function credentialTimes(rng: Rng, type: CredentialType, holderCreatedMs: number) {
  const old = holderCreatedMs < utc(2021, 6, 1) && rng.chance(0.5);
  const createdMs = old
    ? rng.msBetween(holderCreatedMs, utc(2021, 12, 31))
    : rng.msBetween(holderCreatedMs, utc(2026, 10, 20));
  // Old keys of old holders were mostly never rotated.
  const rotated = old ? rng.chance(0.2) : rng.chance(0.55);
  const lastRotatedAt = rotated ? rng.timeBetween(createdMs + days(1), utc(2026, 10, 25)) : undefined;
  const baseMs = lastRotatedAt ? Date.parse(lastRotatedAt) : createdMs;
  let expiresAt: string | undefined;
  const r = rng.next();
  switch (type) {
    case 'token':
      // Short-lived: some lapse before the export, most soon after.
      expiresAt = r < 0.3 ? rng.timeBetween(utc(2025, 6, 1), EXPORTED_AT_MS - days(1)) : rng.timeBetween(EXPORTED_AT_MS + days(1), EXPORTED_AT_MS + days(90));
      break;
    case 'certificate':
      expiresAt = r < 0.3 ? rng.timeBetween(utc(2025, 1, 1), EXPORTED_AT_MS - days(1)) : rng.timeBetween(utc(2026, 12, 1), utc(2028, 12, 31));
      break;
    case 'api_key':
    case 'oauth_client':
      expiresAt = r < 0.35 ? iso(Math.max(baseMs + days(365), utc(2026, 11, 15))) : undefined;
      break;
    default:
      expiresAt = undefined;
  }
  const lastUsedAt = rng.chance(0.85) ? rng.timeBetween(Math.max(createdMs, utc(2026, 6, 1)), ACTIVITY_TO_MS) : undefined;
  return { createdAt: iso(createdMs), expiresAt, lastRotatedAt, lastUsedAt };
}

function serviceType(rng: Rng, holder: Holder, domain: string): CredentialType {
  if (holder.id.startsWith('sap:fin:') || holder.id.startsWith('workday:')) return 'password';
  if (holder.id.startsWith('github:')) return rng.pick(['ssh_key', 'token'] as const);
  if (holder.id.startsWith('salesforce:')) return 'oauth_client';
  if (domain === 'ci' || domain === 'terraform') return 'ssh_key';
  return rng.weighted([['api_key', 45], ['oauth_client', 25], ['certificate', 15], ['token', 15]] as const);
}

export function buildCredentials(b: DemoBuilder, rng: Rng, services: ServiceInfo[], agents: AgentInfo[], orphans: NhiAccount[]): void {
  const identityCreated = (id: string) => Date.parse(b.getIdentity(id)?.createdAt ?? '2020-01-01T00:00:00.000Z');
  const add = (name: string, holder: Holder, type: CredentialType, n: number) => {
    b.credential({ id: `cred:${name}:${type}-${n}`, holderId: holder.id, holderType: holder.type, type, ...credentialTimes(rng, type, holder.createdMs) });
  };

  for (const s of services) {
    const n = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
    for (let i = 1; i <= n; i++) {
      const acct = rng.chance(0.6) ? rng.pick(s.accounts) : undefined;
      const holder: Holder = acct
        ? { id: acct.id, type: 'account', createdMs: acct.createdMs }
        : { id: s.id, type: 'identity', createdMs: identityCreated(s.id) };
      add(s.name, holder, serviceType(rng, holder, s.domain), i);
    }
  }

  for (const a of agents) {
    const platform = a.accounts[0];
    add(a.name, { id: platform.id, type: 'account', createdMs: platform.createdMs }, 'oauth_client', 1);
    const self: Holder = { id: a.id, type: 'identity', createdMs: identityCreated(a.id) };
    if (rng.chance(0.6)) add(a.name, self, 'token', 2);
    if (rng.chance(0.4)) add(a.name, self, 'api_key', 3);
  }

  for (const o of orphans) {
    if (o.sys === 'slack' || o.sys === 'github') continue;
    const type: CredentialType = o.sys === 'aws' || o.sys === 'okta' ? 'api_key' : 'password';
    add(`orphan-${o.id.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`, { id: o.id, type: 'account', createdMs: o.createdMs }, type, 1);
  }
}
