/**
 * Record shapes of the identity bundle (docs: /work/shared/spec/identity-bundle.md), as the
 * demo generator emits them. Optional fields are omitted from the output, never `null`.
 */

export type IdentityKind = 'human' | 'service' | 'agent';
export type IdentityStatus = 'active' | 'suspended' | 'terminated';
export type Level = 'low' | 'medium' | 'high' | 'critical';
export type AccountStatus = 'enabled' | 'disabled';
export type GroupKind = 'group' | 'role' | 'permission_set';
export type EntitlementKind = 'permission' | 'scope' | 'role' | 'license' | 'tool';
export type HolderType = 'account' | 'group';
export type CredentialType = 'api_key' | 'oauth_client' | 'token' | 'password' | 'ssh_key' | 'certificate';

export interface IdentityRecord {
  id: string;
  kind: IdentityKind;
  displayName: string;
  email?: string;
  department?: string;
  title?: string;
  managerId?: string;
  status: IdentityStatus;
  ownerId?: string;
  purpose?: string;
  createdAt?: string;
  terminatedAt?: string;
  attributes?: Record<string, string>;
}

export interface SystemRecord {
  id: string;
  name: string;
  criticality?: Level;
  ownerId?: string;
}

export interface AccountRecord {
  id: string;
  systemId: string;
  identityId?: string;
  identityEmail?: string;
  username?: string;
  status: AccountStatus;
  createdAt?: string;
  lastLoginAt?: string;
}

export interface GroupRecord {
  id: string;
  systemId: string;
  name: string;
  kind?: GroupKind;
  description?: string;
}

export interface EntitlementRecord {
  id: string;
  systemId: string;
  name: string;
  kind?: EntitlementKind;
  privileged?: boolean;
  sensitivity?: Level;
  description?: string;
}

export interface MembershipRecord {
  memberId: string;
  memberType: HolderType;
  groupId: string;
  grantedAt?: string;
  expiresAt?: string;
}

export interface GrantRecord {
  holderId: string;
  holderType: HolderType;
  entitlementId: string;
  grantedAt?: string;
  expiresAt?: string;
}

export interface DelegationRecord {
  fromId: string;
  toId: string;
  scope: string[];
  grantedAt?: string;
  expiresAt?: string;
  purpose?: string;
}

export interface CredentialRecord {
  id: string;
  holderId: string;
  holderType: 'identity' | 'account';
  type: CredentialType;
  createdAt?: string;
  expiresAt?: string;
  lastRotatedAt?: string;
  lastUsedAt?: string;
}

export interface UsageRecord {
  accountId: string;
  entitlementId: string;
  at: string;
  count?: number;
}

export interface SourceRecord {
  source: string;
  mode: 'full' | 'incremental';
  exportedAt: string;
}

/** Everything one demo bundle holds, keyed by the file base name. */
export interface DemoRecords {
  identities: IdentityRecord[];
  systems: SystemRecord[];
  accounts: AccountRecord[];
  groups: GroupRecord[];
  entitlements: EntitlementRecord[];
  memberships: MembershipRecord[];
  grants: GrantRecord[];
  delegations: DelegationRecord[];
  credentials: CredentialRecord[];
  usage: UsageRecord[];
}

/** File order of the bundle; also the order counts are reported in. */
export const DEMO_ENTITY_FILES = [
  'identities',
  'systems',
  'accounts',
  'groups',
  'entitlements',
  'memberships',
  'grants',
  'delegations',
  'credentials',
  'usage',
] as const satisfies readonly (keyof DemoRecords)[];
