import { z } from 'zod';

/**
 * The identity bundle, version 1 (shared/spec/identity-bundle.md), as zod schemas.
 * Every record that reaches the graph has passed through one of these.
 */

const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/**
 * UTC to the second, with or without milliseconds: what `toISOString` writes and what most exports
 * (CloudTrail, ours) use. Normalised without a parse: at most `.000` is added.
 */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const ISO_FORMAT = 'must be an ISO-8601 time with a zone, e.g. 2026-01-31T09:00:00Z';

/**
 * ISO-8601 with a zone, normalised to UTC so stored times compare lexically. Parsed once: about
 * 14M times at L (usage events, memberships), where the parse and re-print cost 2 µs each.
 */
export const isoTime = z.string().transform((s, ctx) => {
  const normalised = normaliseIsoTime(s);
  if (normalised !== null) return normalised;
  ctx.addIssue({ code: 'custom', message: ZONED_ISO.test(s) ? 'is not a real date' : ISO_FORMAT });
  return z.NEVER;
});

/** The time in `toISOString` form, or null when it is not a zoned ISO-8601 time of a real date. */
export function normaliseIsoTime(s: string): string | null {
  // A real instant already in UTC is its own normal form, once it has milliseconds (24:00 goes the long way, to the next day).
  if (UTC_ISO.test(s) && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60 && Number(s.slice(17, 19)) < 60 && isCalendarDay(s)) {
    return s.length === 24 ? s : `${s.slice(0, 19)}.000Z`;
  }
  if (!ZONED_ISO.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) || !isCalendarDay(s) ? null : new Date(ms).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Date.parse rolls a day past the month's end over (2026-02-30 is March 2); the date as written must exist. */
function isCalendarDay(s: string): boolean {
  const [year, month, day] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

const id = z.string().trim().min(1, 'must be a non-empty string');
const text = z.string();

export const IdentityRecord = z.strictObject({
  id,
  kind: z.enum(['human', 'service', 'agent']),
  displayName: z.string().min(1, 'must be a non-empty string'),
  email: z.string().email().optional(),
  department: text.optional(),
  title: text.optional(),
  managerId: id.optional(),
  status: z.enum(['active', 'suspended', 'terminated']),
  ownerId: id.optional(),
  purpose: text.optional(),
  createdAt: isoTime.optional(),
  terminatedAt: isoTime.optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

export const SystemRecord = z.strictObject({
  id,
  name: z.string().min(1),
  criticality: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  ownerId: id.optional(),
});

export const AccountRecord = z.strictObject({
  id,
  systemId: id,
  identityId: id.optional(),
  identityEmail: z.string().email().optional(),
  username: text.optional(),
  status: z.enum(['enabled', 'disabled']),
  createdAt: isoTime.optional(),
  lastLoginAt: isoTime.optional(),
});

export const GroupRecord = z.strictObject({
  id,
  systemId: id,
  name: z.string().min(1),
  kind: z.enum(['group', 'role', 'permission_set']).optional(),
  description: text.optional(),
});

export const EntitlementRecord = z.strictObject({
  id,
  systemId: id,
  name: z.string().min(1),
  kind: z.enum(['permission', 'scope', 'role', 'license', 'tool']).optional(),
  privileged: z.boolean().optional(),
  sensitivity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  description: text.optional(),
});

export const MembershipRecord = z.strictObject({
  memberId: id,
  memberType: z.enum(['account', 'group']),
  groupId: id,
  grantedAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
});

export const GrantRecord = z.strictObject({
  holderId: id,
  holderType: z.enum(['account', 'group']),
  entitlementId: id,
  grantedAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
});

export const DelegationRecord = z.strictObject({
  fromId: id,
  toId: id,
  scope: z.array(id).min(1, 'must list entitlement ids, or ["*"]'),
  grantedAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
  purpose: text.optional(),
});

export const CredentialRecord = z.strictObject({
  id,
  holderId: id,
  holderType: z.enum(['identity', 'account']),
  type: z.enum(['api_key', 'oauth_client', 'token', 'password', 'ssh_key', 'certificate']),
  createdAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
  lastRotatedAt: isoTime.optional(),
  lastUsedAt: isoTime.optional(),
});

export const UsageRecord = z.strictObject({
  accountId: id,
  entitlementId: id,
  at: isoTime,
  count: z.number().int().positive().default(1),
});

/**
 * whohas extension (docs/decisions.md), not in the identity-bundle spec: a past access-request or
 * access-review decision. Evidence for peer recommendations, never access: approving a request does
 * not grant anything (the grant comes from the system's own export).
 */
export const DecisionRecord = z.strictObject({
  identityId: id,
  entitlementId: id,
  outcome: z.enum(['approved', 'denied']),
  kind: z.enum(['request', 'review']).default('request'),
  decidedAt: isoTime.optional(),
  decidedBy: text.optional(),
  reason: text.optional(),
});

export const SourceRecord = z.strictObject({
  source: z.string().trim().min(1).regex(/^[A-Za-z0-9_.:-]+$/, 'may hold letters, digits and . _ : - only'),
  mode: z.enum(['full', 'incremental']),
  exportedAt: isoTime,
});

export type IdentityRecord = z.infer<typeof IdentityRecord>;
export type SystemRecord = z.infer<typeof SystemRecord>;
export type AccountRecord = z.infer<typeof AccountRecord>;
export type GroupRecord = z.infer<typeof GroupRecord>;
export type EntitlementRecord = z.infer<typeof EntitlementRecord>;
export type MembershipRecord = z.infer<typeof MembershipRecord>;
export type GrantRecord = z.infer<typeof GrantRecord>;
export type DelegationRecord = z.infer<typeof DelegationRecord>;
export type CredentialRecord = z.infer<typeof CredentialRecord>;
export type UsageRecord = z.infer<typeof UsageRecord>;
export type SourceRecord = z.infer<typeof SourceRecord>;
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** Entity files in load order: a record may only point at files earlier in this list (or at itself). */
export const ENTITY_SCHEMAS = {
  identities: IdentityRecord,
  systems: SystemRecord,
  accounts: AccountRecord,
  groups: GroupRecord,
  entitlements: EntitlementRecord,
  memberships: MembershipRecord,
  grants: GrantRecord,
  delegations: DelegationRecord,
  credentials: CredentialRecord,
  usage: UsageRecord,
  /** whohas extension (docs/decisions.md): past request and review decisions. */
  decisions: DecisionRecord,
} as const;

export type EntityFile = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_FILES = Object.keys(ENTITY_SCHEMAS) as EntityFile[];

export type BundleRecords = { [K in EntityFile]: z.infer<(typeof ENTITY_SCHEMAS)[K]>[] };

/** CSV cells are strings; these fields need converting before the schema sees them. */
export const CSV_FIELD_TYPES: Partial<Record<EntityFile, Record<string, 'list' | 'boolean' | 'integer' | 'object'>>> = {
  identities: { attributes: 'object' },
  entitlements: { privileged: 'boolean' },
  delegations: { scope: 'list' },
  usage: { count: 'integer' },
};
