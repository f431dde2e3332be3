import { z } from 'zod';

/** Row shapes of the cypher/sod queries, checked like every other read (zod at the boundary). */
const nullableString = z.string().nullable().optional().transform((v) => v ?? null);

export const CatalogRow = z.object({
  id: z.string(),
  systemId: nullableString,
  name: z.string(),
  kind: nullableString,
  privileged: z.boolean().nullable().optional().transform((v) => v ?? false),
  sensitivity: nullableString,
});

export const HolderRow = z.object({ identityId: z.string(), entitlementId: z.string(), paths: z.string() });

export const HeldRow = z.object({ identityId: z.string(), entitlementId: z.string(), activeUntil: nullableString });

export const EdgeRow = z.object({
  fromId: z.string(),
  toId: z.string(),
  expiresAt: nullableString,
  scope: z.array(z.string()).nullable().optional().transform((v) => v ?? ['*']),
});
