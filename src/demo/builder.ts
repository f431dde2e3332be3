/**
 * Collects demo records in emission order and checks, as they are added, that ids are unique and
 * every reference resolves. A failure here is a bug in the generator, never in user input.
 */
import type {
  AccountRecord,
  CredentialRecord,
  DelegationRecord,
  DemoRecords,
  EntitlementRecord,
  GroupRecord,
  HolderType,
  IdentityRecord,
  SystemRecord,
} from './types';

/** Drops keys whose value is undefined so records carry only the fields they have. */
function compact<T extends object>(rec: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) if (v !== undefined) out[k] = v;
  return out as T;
}

function fail(message: string): never {
  throw new Error(`demo generator: ${message}`);
}

export interface EdgeTimes {
  grantedAt?: string;
  expiresAt?: string;
}

export class DemoBuilder {
  readonly records: DemoRecords = {
    identities: [],
    systems: [],
    accounts: [],
    groups: [],
    entitlements: [],
    memberships: [],
    grants: [],
    delegations: [],
    credentials: [],
    usage: [],
  };

  private readonly identityById = new Map<string, IdentityRecord>();
  private readonly systemIds = new Set<string>();
  private readonly accountById = new Map<string, AccountRecord>();
  private readonly groupById = new Map<string, GroupRecord>();
  private readonly entitlementById = new Map<string, EntitlementRecord>();
  private readonly credentialIds = new Set<string>();
  private readonly edgeKeys = new Set<string>();
  private readonly emails = new Set<string>();

  identity(rec: IdentityRecord): IdentityRecord {
    if (this.identityById.has(rec.id)) fail(`duplicate identity ${rec.id}`);
    for (const ref of [rec.managerId, rec.ownerId]) {
      if (ref !== undefined && !this.identityById.has(ref)) fail(`identity ${rec.id} refers to unknown ${ref}`);
    }
    const out = compact(rec);
    this.identityById.set(out.id, out);
    if (out.email) this.emails.add(out.email);
    this.records.identities.push(out);
    return out;
  }

  system(rec: SystemRecord): void {
    if (this.systemIds.has(rec.id)) fail(`duplicate system ${rec.id}`);
    if (rec.ownerId !== undefined && !this.identityById.has(rec.ownerId)) fail(`system ${rec.id} owner unknown`);
    this.systemIds.add(rec.id);
    this.records.systems.push(compact(rec));
  }

  account(rec: AccountRecord): AccountRecord {
    if (this.accountById.has(rec.id)) fail(`duplicate account ${rec.id}`);
    if (!this.systemIds.has(rec.systemId)) fail(`account ${rec.id} on unknown system ${rec.systemId}`);
    if (rec.identityId !== undefined && !this.identityById.has(rec.identityId)) fail(`account ${rec.id} owner unknown`);
    if (rec.identityEmail !== undefined && !this.emails.has(rec.identityEmail)) fail(`account ${rec.id} email unknown`);
    const out = compact(rec);
    this.accountById.set(out.id, out);
    this.records.accounts.push(out);
    return out;
  }

  group(rec: GroupRecord): void {
    if (this.groupById.has(rec.id)) fail(`duplicate group ${rec.id}`);
    if (!this.systemIds.has(rec.systemId)) fail(`group ${rec.id} on unknown system ${rec.systemId}`);
    const out = compact(rec);
    this.groupById.set(out.id, out);
    this.records.groups.push(out);
  }

  entitlement(rec: EntitlementRecord): void {
    if (this.entitlementById.has(rec.id)) fail(`duplicate entitlement ${rec.id}`);
    if (!this.systemIds.has(rec.systemId)) fail(`entitlement ${rec.id} on unknown system ${rec.systemId}`);
    const out = compact(rec);
    this.entitlementById.set(out.id, out);
    this.records.entitlements.push(out);
  }

  /** Adds a membership; returns false (and adds nothing) if the same edge already exists. */
  member(memberId: string, memberType: HolderType, groupId: string, times: EdgeTimes = {}): boolean {
    if (!this.groupById.has(groupId)) fail(`membership into unknown group ${groupId}`);
    const known = memberType === 'group' ? this.groupById.has(memberId) : this.accountById.has(memberId);
    if (!known) fail(`membership of unknown ${memberType} ${memberId}`);
    const key = `m|${memberType}|${memberId}|${groupId}`;
    if (this.edgeKeys.has(key)) return false;
    this.edgeKeys.add(key);
    this.records.memberships.push(compact({ memberId, memberType, groupId, ...times }));
    return true;
  }

  /** Adds a grant; returns false (and adds nothing) if the same edge already exists. */
  grant(holderId: string, holderType: HolderType, entitlementId: string, times: EdgeTimes = {}): boolean {
    if (!this.entitlementById.has(entitlementId)) fail(`grant of unknown entitlement ${entitlementId}`);
    const known = holderType === 'group' ? this.groupById.has(holderId) : this.accountById.has(holderId);
    if (!known) fail(`grant to unknown ${holderType} ${holderId}`);
    const key = `g|${holderType}|${holderId}|${entitlementId}`;
    if (this.edgeKeys.has(key)) return false;
    this.edgeKeys.add(key);
    this.records.grants.push(compact({ holderId, holderType, entitlementId, ...times }));
    return true;
  }

  delegation(rec: DelegationRecord): boolean {
    for (const ref of [rec.fromId, rec.toId]) if (!this.identityById.has(ref)) fail(`delegation refers to unknown ${ref}`);
    if (rec.fromId === rec.toId) fail(`self delegation ${rec.fromId}`);
    if (rec.scope.length === 0) fail(`empty delegation scope ${rec.fromId} -> ${rec.toId}`);
    for (const e of rec.scope) if (e !== '*' && !this.entitlementById.has(e)) fail(`delegation scope unknown ${e}`);
    const key = `d|${rec.fromId}|${rec.toId}`;
    if (this.edgeKeys.has(key)) return false;
    this.edgeKeys.add(key);
    this.records.delegations.push(compact(rec));
    return true;
  }

  credential(rec: CredentialRecord): void {
    if (this.credentialIds.has(rec.id)) fail(`duplicate credential ${rec.id}`);
    const known = rec.holderType === 'identity' ? this.identityById.has(rec.holderId) : this.accountById.has(rec.holderId);
    if (!known) fail(`credential ${rec.id} held by unknown ${rec.holderId}`);
    this.credentialIds.add(rec.id);
    this.records.credentials.push(compact(rec));
  }

  getIdentity(id: string): IdentityRecord | undefined {
    return this.identityById.get(id);
  }

  getAccount(id: string): AccountRecord | undefined {
    return this.accountById.get(id);
  }

  getEntitlement(id: string): EntitlementRecord | undefined {
    return this.entitlementById.get(id);
  }

  hasGroup(id: string): boolean {
    return this.groupById.has(id);
  }
}
