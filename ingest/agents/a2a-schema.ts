import { z } from 'zod';

/**
 * The parts of an A2A Agent Card (v0.2/v0.3, and v1.0's `supportedInterfaces`) this connector
 * reads. Not strict: the card format is someone else's and grows; unknown fields are ignored.
 */

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');
const Interface = z.object({ url: z.string() });

export const CardSkill = z.object({
  id: nonEmpty,
  name: nonEmpty,
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  security: z.array(z.unknown()).optional(),
});
export type CardSkill = z.infer<typeof CardSkill>;

export const AgentCard = z.object({
  name: nonEmpty,
  description: z.string().optional(),
  url: z.string().optional(),
  supportedInterfaces: z.array(Interface).optional(),
  additionalInterfaces: z.array(Interface).optional(),
  provider: z.object({ organization: z.string().optional(), url: z.string().optional() }).optional(),
  version: z.string().optional(),
  protocolVersion: z.string().optional(),
  capabilities: z.record(z.string(), z.unknown()).optional(),
  securitySchemes: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  security: z.array(z.unknown()).optional(),
  securityRequirements: z.array(z.unknown()).optional(),
  skills: z.array(z.unknown(), 'must be a list of skills').default([]),
  supportsAuthenticatedExtendedCard: z.boolean().optional(),
});
export type AgentCard = z.infer<typeof AgentCard>;

export const CardOptions = z.strictObject({
  /** Identity id of the accountable human for every card of this run; without it agents are unowned. */
  owner: z.string().trim().min(1).optional(),
  ownerTeam: z.string().trim().min(1).optional(),
  /** Source name suffix (`a2a:<name>`); default: the cards' host when they share one, else `cards`. */
  name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'may hold letters, digits and . _ : - only').optional(),
  idPrefix: z.string().regex(/^[A-Za-z0-9_.:/-]*$/, 'may hold letters, digits and . _ : / - only').default('a2a:'),
  /** For URL locations: give up on a card server after this long. */
  timeoutMs: z.number().int().positive().default(15_000),
});
export type CardOptions = z.infer<typeof CardOptions>;

/** v0.3 names a scheme by `type` (`http` with its `scheme`); v1.0 by a `<kind>SecurityScheme` key. */
export function schemeKind(scheme: Record<string, unknown>): string {
  if (typeof scheme.type === 'string') {
    return scheme.type === 'http' && typeof scheme.scheme === 'string' ? `http:${scheme.scheme.toLowerCase()}` : scheme.type;
  }
  const key = Object.keys(scheme).find((k) => k.endsWith('SecurityScheme'));
  if (!key) return 'unknown';
  const kind = key.replace(/SecurityScheme$/, '');
  const named: Record<string, string> = { apiKey: 'apiKey', httpAuth: 'http', oauth2: 'oauth2', openIdConnect: 'openIdConnect', mtls: 'mutualTLS' };
  const inner = scheme[key] as Record<string, unknown> | undefined;
  const base = named[kind] ?? kind;
  return base === 'http' && typeof inner?.scheme === 'string' ? `http:${inner.scheme.toLowerCase()}` : base;
}
