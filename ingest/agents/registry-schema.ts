import { z } from 'zod';
import { isoTime } from '../bundle/records';

/**
 * The agent registry format (docs/connectors/agents.md). Strict on purpose: it is our format,
 * so a misspelt field is an error with its name, never a silently ignored line.
 */

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const localId = z.string().regex(LOCAL_ID, 'must start with a letter or digit and hold only letters, digits and . _ -');
const identityRef = z.string().trim().min(1, 'must be a non-empty identity id');
const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');
const sensitivity = z.enum(['low', 'medium', 'high', 'critical']);

/** Attribute keys the connector writes itself; a registry may not set them by hand. */
export const RESERVED_ATTRIBUTES = ['platform', 'model', 'modelProvider', 'modelName', 'modelVersion', 'ownerTeam', 'tools'];

export const RegistryHeader = z.strictObject({
  version: z.literal(1, 'must be 1'),
  system: localId.optional(),
  agents: z.array(z.unknown(), 'must be a list of agents'),
});

/** YAML reads `version: 2025` as a number and `pci: true` as a boolean; attributes are text either way. */
const numbersAsText = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);

/** `provider/name@version` is the short form; the object form says the same with field names. */
const ModelObject = z.strictObject({
  provider: nonEmpty.optional(),
  name: nonEmpty,
  version: z.preprocess((v) => numbersAsText(v), nonEmpty).optional(),
});
const Model = z.preprocess((v) => (typeof v === 'string' ? parseModelString(v) : v), ModelObject);

function parseModelString(text: string): Record<string, string> {
  const at = text.lastIndexOf('@');
  const [head, version] = at > 0 ? [text.slice(0, at), text.slice(at + 1)] : [text, undefined];
  const slash = head.indexOf('/');
  const out: Record<string, string> = slash > 0 ? { provider: head.slice(0, slash), name: head.slice(slash + 1) } : { name: head };
  if (version) out.version = version;
  return out;
}

export const AgentCore = z.strictObject({
  id: localId,
  name: nonEmpty.optional(),
  owner: identityRef.optional(),
  ownerTeam: nonEmpty.optional(),
  purpose: z.string().optional(),
  model: Model.optional(),
  status: z.enum(['active', 'suspended', 'retired']).default('active'),
  createdAt: isoTime.optional(),
  attributes: z
    .record(z.string(), z.preprocess(numbersAsText, z.string()))
    .refine((a) => !RESERVED_ATTRIBUTES.some((k) => k in a), `may not set ${RESERVED_ATTRIBUTES.join(', ')}: the connector derives them`)
    .optional(),
  // Entries of these lists are checked one by one, so one bad tool does not cost the whole agent.
  tools: z.array(z.unknown(), 'must be a list').default([]),
  delegations: z.array(z.unknown(), 'must be a list').default([]),
  subAgents: z.array(z.unknown(), 'must be a list').default([]),
  credentials: z.array(z.unknown(), 'must be a list').default([]),
});
export type AgentCore = z.infer<typeof AgentCore>;

export const Tool = z.preprocess(
  (v) => (typeof v === 'string' ? { id: v } : v),
  z
    .strictObject({
      id: localId.optional(),
      name: nonEmpty.optional(),
      system: localId.optional(),
      privileged: z.boolean().optional(),
      sensitivity: sensitivity.optional(),
      description: z.string().optional(),
    })
    .refine((t) => t.id !== undefined || t.name !== undefined, { message: 'a tool needs an id or a name', path: ['id'] }),
);
export type Tool = z.infer<typeof Tool>;

const Scope = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(nonEmpty, 'must be "*", a tool or entitlement id, or a list of them').min(1, 'must list at least one tool or entitlement id, or "*"'),
);

const edgeTimes = { grantedAt: isoTime.optional(), expiresAt: isoTime.optional(), purpose: z.string().optional() };

/** Someone (a person from HR, or another agent of the registry) lets this agent act for them. */
export const Delegation = z.strictObject({ from: identityRef, scope: Scope, ...edgeTimes });
export type Delegation = z.infer<typeof Delegation>;

/** This agent lets one of the registry's agents act for it. */
export const SubAgent = z.strictObject({ id: localId, scope: Scope, ...edgeTimes });
export type SubAgent = z.infer<typeof SubAgent>;

export const Credential = z.strictObject({
  id: localId.optional(),
  type: z.enum(['api_key', 'oauth_client', 'token', 'password', 'ssh_key', 'certificate']),
  description: z.string().optional(),
  createdAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
  lastRotatedAt: isoTime.optional(),
  lastUsedAt: isoTime.optional(),
});
export type Credential = z.infer<typeof Credential>;

export const RegistryOptions = z.strictObject({
  /** Registry name for the source (`agents:<name>`); default: the first file's base name. */
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits and . _ - only').optional(),
  /** Platform for registries that do not name their `system`; default: the registry name. */
  platform: localId.optional(),
  /** Prefix of agent identity ids. */
  idPrefix: z.string().regex(/^[A-Za-z0-9_.:/-]*$/, 'may hold letters, digits and . _ : / - only').default('agent:'),
});
export type RegistryOptions = z.infer<typeof RegistryOptions>;
