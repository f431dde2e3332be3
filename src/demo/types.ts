import type { z } from 'zod';
import type * as Bundle from '../../ingest/bundle/records';
import { ENTITY_FILES } from '../../ingest/bundle/records';

/**
 * The demo emits identity-bundle records; their shapes come from the one schema in
 * ingest/bundle/records.ts (as written, i.e. zod *input*), so the generator cannot drift from
 * what ingest accepts. Optional fields are omitted from the output, never `null`.
 */
export type IdentityRecord = z.input<typeof Bundle.IdentityRecord>;
export type SystemRecord = z.input<typeof Bundle.SystemRecord>;
export type AccountRecord = z.input<typeof Bundle.AccountRecord>;
export type GroupRecord = z.input<typeof Bundle.GroupRecord>;
export type EntitlementRecord = z.input<typeof Bundle.EntitlementRecord>;
export type MembershipRecord = z.input<typeof Bundle.MembershipRecord>;
export type GrantRecord = z.input<typeof Bundle.GrantRecord>;
export type DelegationRecord = z.input<typeof Bundle.DelegationRecord>;
export type CredentialRecord = z.input<typeof Bundle.CredentialRecord>;
export type UsageRecord = z.input<typeof Bundle.UsageRecord>;
export type SourceRecord = z.input<typeof Bundle.SourceRecord>;

export type IdentityKind = IdentityRecord['kind'];
export type IdentityStatus = IdentityRecord['status'];
export type Level = NonNullable<SystemRecord['criticality']>;
export type AccountStatus = AccountRecord['status'];
export type GroupKind = NonNullable<GroupRecord['kind']>;
export type EntitlementKind = NonNullable<EntitlementRecord['kind']>;
export type HolderType = GrantRecord['holderType'];
export type CredentialType = CredentialRecord['type'];

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

/** File order of the bundle; also the order counts are reported in. Decisions (a whohas extension) are not part of the demo. */
export const DEMO_ENTITY_FILES = ENTITY_FILES.filter((f): f is keyof DemoRecords => f !== 'decisions');
