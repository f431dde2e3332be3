import { z } from 'zod';
import { WhohasError } from '../errors';
import type { Row } from '../store/port';

/** Query rows are a boundary too: a row of the wrong shape is a bug we want named, not propagated. */
const opt = z.string().nullable().optional().transform((v) => v ?? null);

export const IdentityRow = z.object({
  id: z.string(),
  kind: z.enum(['human', 'service', 'agent']),
  displayName: z.string(),
  email: opt,
  department: opt,
  title: opt,
  managerId: opt,
  status: z.enum(['active', 'suspended', 'terminated']),
  ownerId: opt,
  purpose: opt,
  createdAt: opt,
  terminatedAt: opt,
  attributes: opt.transform((s) => (s ? (JSON.parse(s) as Record<string, string>) : {})),
});

export const AccountRow = z.object({
  id: z.string(),
  systemId: z.string(),
  identityId: opt,
  identityEmail: opt,
  username: opt,
  status: z.enum(['enabled', 'disabled']),
  createdAt: opt,
  lastLoginAt: opt,
});

export const GroupRow = z.object({
  id: z.string(),
  systemId: z.string(),
  name: z.string(),
  kind: z.enum(['group', 'role', 'permission_set']).nullable().optional().transform((v) => v ?? null),
  description: opt,
});

export const EntitlementRow = z.object({
  id: z.string(),
  systemId: z.string(),
  name: z.string(),
  kind: z.enum(['permission', 'scope', 'role', 'license', 'tool']).nullable().optional().transform((v) => v ?? null),
  privileged: z.boolean().nullable().optional().transform((v) => v ?? false),
  sensitivity: z.enum(['low', 'medium', 'high', 'critical']).nullable().optional().transform((v) => v ?? null),
  description: opt,
});

export const SystemRow = z.object({
  id: z.string(),
  name: z.string(),
  criticality: z.enum(['low', 'medium', 'high', 'critical']).nullable().optional().transform((v) => v ?? null),
  ownerId: opt,
});

export const DelegationRow = z.object({
  fromId: z.string(),
  toId: z.string(),
  scope: z.array(z.string()),
  grantedAt: opt,
  expiresAt: opt,
  purpose: opt,
});

export const AccessRow = z.object({
  identityId: z.string(),
  entitlementId: z.string(),
  viaDelegation: z.boolean(),
  paths: z.string(),
  lastUsedAt: opt,
  useCount: z.union([z.number(), z.bigint()]).nullable().optional().transform((v) => Number(v ?? 0)),
});

export const CountRow = z.object({ total: z.union([z.number(), z.bigint()]).transform(Number) });

export type Identity = z.infer<typeof IdentityRow>;
export type Account = z.infer<typeof AccountRow>;
export type Group = z.infer<typeof GroupRow>;
export type Entitlement = z.infer<typeof EntitlementRow>;
export type System = z.infer<typeof SystemRow>;
export type Delegation = z.infer<typeof DelegationRow>;
export type AccessRowT = z.infer<typeof AccessRow>;

export function parseRows<T>(schema: z.ZodType<T>, rows: Row[], query: string): T[] {
  return rows.map((row, i) => parseRow(schema, row, i, query));
}

/** One row: for a reader that keeps less than the parsed row, so the parsed copies of a large result never all live at once. */
export function parseRow<T>(schema: z.ZodType<T>, row: Row, i: number, query: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WhohasError('ROW_SHAPE_INVALID', `Query '${query}' row ${i}: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

export function parseCount(rows: Row[], query: string): number {
  return parseRows(CountRow, rows, query)[0]?.total ?? 0;
}
