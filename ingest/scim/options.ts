import { z } from 'zod';

const SYSTEM = /^[A-Za-z0-9_.-]+$/;

/**
 * Job / CLI options. Strict, so a misspelt key in a job config fails before anything is fetched.
 * The retry knobs exist for slow or rate-limited tenants and so tests can use tiny delays.
 */
export const ScimOptions = z.strictObject({
  /** Names the system in ids (`scim:<system>:user/<id>`); default: the URL's host, or the file/folder name. */
  system: z.string().regex(SYSTEM, 'may hold letters, digits and . _ - only').optional(),
  /** 'create': each User is a person and their account; 'correlate': accounts only, tied to HR identities by hints. */
  identities: z.enum(['create', 'correlate']).default('create'),
  /** Each Group grants an entitlement named after it, so membership (also through nesting) shows up as access. */
  groupEntitlements: z.boolean().default(true),
  /** Environment variable holding the bearer token for live pulls. */
  tokenEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .default('SCIM_TOKEN'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Retries after the first attempt, for 429, 5xx and connection failures. */
  maxRetries: z.number().int().min(0).max(20).default(5),
  /** First back-off delay; doubles each retry. */
  retryBaseMs: z.number().int().min(0).default(500),
  /** Longest single wait; a Retry-After beyond it fails the pull instead of stalling the job. */
  maxRetryWaitMs: z.number().int().min(0).default(120_000),
  timeoutMs: z.number().int().min(1).default(30_000),
});

export type ScimOptions = z.infer<typeof ScimOptions>;

/** Makes a file name, folder name or host usable inside ids and the source name. */
export function systemFrom(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return clean || 'scim';
}
