import { z } from 'zod';

/** What a citation points at; the console opens each kind in its own view. */
export const CITATION_KINDS = [
  'IDENTITY', 'ACCOUNT', 'GROUP', 'ENTITLEMENT', 'SYSTEM', 'ACCESS_PATH', 'SOD_VIOLATION', 'SIMULATION', 'FINDING', 'SOD_RULE',
] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

export const CitationSchema = z.strictObject({
  kind: z.enum(CITATION_KINDS),
  id: z.string().min(1).max(1024),
  label: z.string().max(500),
  /** ACCESS_PATH and SOD_VIOLATION: whose access. */
  identityId: z.string().max(512).nullable().default(null),
  /** ACCESS_PATH: which entitlement (open with explainAccess). */
  entitlementId: z.string().max(512).nullable().default(null),
  /** SOD_VIOLATION: which rule. */
  ruleId: z.string().max(512).nullable().default(null),
});
export type Citation = z.infer<typeof CitationSchema>;

export interface CopilotAnswer {
  text: string;
  citations: Citation[];
  followUps: string[];
  conversationId: string;
  /** The question form the copilot understood (`unknown` when it could not answer). */
  intent: string;
  /** `rules` (no language model) or `llm`. */
  mode: 'rules' | 'llm';
}

/** A citation for a node, with the optional refs left empty. */
export function cite(kind: CitationKind, id: string, label: string, refs: Partial<Pick<Citation, 'identityId' | 'entitlementId' | 'ruleId'>> = {}): Citation {
  return { kind, id, label, identityId: refs.identityId ?? null, entitlementId: refs.entitlementId ?? null, ruleId: refs.ruleId ?? null };
}

/** The id of an access path citation: one identity's hold on one entitlement. */
export function accessPathId(identityId: string, entitlementId: string): string {
  return `${identityId}|${entitlementId}`;
}

export function citeAccessPath(identityId: string, entitlementId: string, label: string): Citation {
  return cite('ACCESS_PATH', accessPathId(identityId, entitlementId), label, { identityId, entitlementId });
}

export function citeViolation(identityId: string, ruleId: string, label: string): Citation {
  return cite('SOD_VIOLATION', `${ruleId}|${identityId}`, label, { identityId, ruleId });
}
