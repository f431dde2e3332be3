import { resolve } from 'node:path';
import { z } from 'zod';
import { WhohasError } from '../errors';
import type { OidcConfig } from './oidc';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The security part of the environment (merged into src/config.ts's EnvSchema, so docs/config-reference.md lists it). */
export const SECURITY_ENV = {
  NODE_ENV: z.string().optional().describe('`production` turns introspection and the playground off unless WHOHAS_INTROSPECTION / WHOHAS_PLAYGROUND say otherwise.'),
  WHOHAS_AUTH: z
    .enum(['auto', 'required'])
    .default('auto')
    .describe('`auto`: callers need a credential once an API key exists or an OIDC issuer is configured; before that, loopback callers may read and simulate. `required`: always (only the admin token works until keys exist).'),
  WHOHAS_KEYS_FILE: z.string().min(1).optional().describe('API keys (hashed) for `whohas keys`. Default: `<WHOHAS_DB>.keys.json`.'),
  WHOHAS_OIDC_ISSUER: z.string().url().optional().describe('OIDC issuer whose bearer JWTs are accepted (`iss` must match). Needs WHOHAS_OIDC_AUDIENCE and WHOHAS_OIDC_JWKS_URL.'),
  WHOHAS_OIDC_AUDIENCE: z.string().min(1).optional().describe('The `aud` a token must carry to be accepted here.'),
  WHOHAS_OIDC_JWKS_URL: z.string().url().optional().describe("The issuer's JWKS (signing keys); fetched on first use and again when a token names an unknown key."),
  WHOHAS_OIDC_ROLES_CLAIM: z.string().min(1).default('roles').describe('Claim with the roles (`admin`, `analyst`, `agent`, `bi`), a list or space-separated; a dotted path reaches into objects (`realm_access.roles`).'),
  WHOHAS_OIDC_IDENTITY_CLAIM: z.string().min(1).default('whohas_identity').describe('Claim naming the agent identity an `agent` token acts as (recorded in the decision log).'),
  WHOHAS_INTROSPECTION: boolish.optional().describe('GraphQL introspection. Default: on, except with NODE_ENV=production.'),
  WHOHAS_PLAYGROUND: boolish.optional().describe('The offline playground at `/`. Default: on, except with NODE_ENV=production.'),
  WHOHAS_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(15).describe('Deepest GraphQL selection nesting accepted (fragments expanded).'),
  WHOHAS_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30).describe('Aliased fields accepted in one GraphQL document.'),
  WHOHAS_MAX_COST: z.coerce.number().int().min(10).default(100_000).describe('Largest estimated GraphQL query cost accepted (a connection costs its children once per item asked for).'),
  WHOHAS_MAX_BODY_KB: z.coerce.number().int().min(1).max(65536).default(1024).describe('Largest GraphQL request body, in KiB (413 above it).'),
  WHOHAS_RATE_LIMIT: z.coerce.number().int().min(0).default(600).describe('Requests per minute per client (authenticated caller, else IP address); `429` with Retry-After above it; 0 turns it off.'),
  WHOHAS_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(0).default(30).describe('Failed authentications (401) per minute per IP address before further requests from it get `429`; 0 turns it off.'),
};

const SecurityEnvSchema = z.object(SECURITY_ENV);
type SecurityEnv = z.infer<typeof SecurityEnvSchema>;

export interface SecurityConfig {
  authMode: 'auto' | 'required';
  keysFile: string;
  oidc: OidcConfig | null;
  introspection: boolean;
  playground: boolean;
  limits: { maxDepth: number; maxAliases: number; maxCost: number };
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  authFailuresPerMinute: number;
}

export function securityConfig(e: SecurityEnv, kuzuPath: string): SecurityConfig {
  const oidcParts = [e.WHOHAS_OIDC_ISSUER, e.WHOHAS_OIDC_AUDIENCE, e.WHOHAS_OIDC_JWKS_URL];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new WhohasError('CONFIG_INVALID', 'Invalid configuration: OIDC needs all of WHOHAS_OIDC_ISSUER, WHOHAS_OIDC_AUDIENCE and WHOHAS_OIDC_JWKS_URL');
  }
  const production = e.NODE_ENV === 'production';
  return {
    authMode: e.WHOHAS_AUTH,
    keysFile: resolve(e.WHOHAS_KEYS_FILE ?? `${kuzuPath}.keys.json`),
    oidc: e.WHOHAS_OIDC_ISSUER
      ? {
          issuer: e.WHOHAS_OIDC_ISSUER, audience: e.WHOHAS_OIDC_AUDIENCE!, jwksUrl: e.WHOHAS_OIDC_JWKS_URL!,
          rolesClaim: e.WHOHAS_OIDC_ROLES_CLAIM, identityClaim: e.WHOHAS_OIDC_IDENTITY_CLAIM, clockToleranceS: 30,
        }
      : null,
    introspection: e.WHOHAS_INTROSPECTION ?? !production,
    playground: e.WHOHAS_PLAYGROUND ?? !production,
    limits: { maxDepth: e.WHOHAS_MAX_DEPTH, maxAliases: e.WHOHAS_MAX_ALIASES, maxCost: e.WHOHAS_MAX_COST },
    maxBodyBytes: e.WHOHAS_MAX_BODY_KB * 1024,
    rateLimitPerMinute: e.WHOHAS_RATE_LIMIT,
    authFailuresPerMinute: e.WHOHAS_AUTH_FAILURE_LIMIT,
  };
}
