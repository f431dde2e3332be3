import { z } from 'zod';

/** Rows of cypher/peers/*.cypher, checked like every other query row (src/read/rows.ts). */
const opt = z.string().nullable().optional().transform((v) => v ?? null);
const count = z.union([z.number(), z.bigint()]).nullable().optional().transform((v) => Number(v ?? 0));

export const PeerIdentityRow = z.object({
  id: z.string(),
  kind: z.enum(['human', 'service', 'agent']),
  displayName: z.string(),
  status: z.enum(['active', 'suspended', 'terminated']),
  department: opt,
  title: opt,
  managerId: opt,
  ownerId: opt,
  purpose: opt,
  attributes: opt.transform((s) => (s ? (JSON.parse(s) as Record<string, string>) : {})),
});

/** One identity's access pairs (cypher/peers/holdings-in-range.cypher groups them: far fewer rows to convert). */
export const HoldingsRow = z.object({
  identityId: z.string(),
  held: z.array(
    z.object({
      entitlementId: z.string(),
      activeUntil: opt,
      lastUsedAt: opt,
      useCount: count,
    }),
  ),
});

export const DecisionsRow = z.object({
  identityId: z.string(),
  decided: z.array(
    z.object({
      entitlementId: z.string(),
      outcome: z.enum(['approved', 'denied']),
      kind: z.enum(['request', 'review']),
      decidedAt: opt,
      decidedBy: opt,
      reason: opt,
    }),
  ),
});

export const PeerEntitlementRow = z.object({
  id: z.string(),
  name: z.string(),
  systemId: z.string(),
  privileged: z.boolean().nullable().optional().transform((v) => v ?? false),
});
