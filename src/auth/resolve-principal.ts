import { WhohasError } from '../errors';
import { sameSecret } from '../same-secret';
import { looksLikeApiKey, type KeyStore } from './key-store';
import type { Principal } from './roles';

/** How this server decides who is calling (built once at start, src/auth/auth-settings.ts). */
export interface AuthSettings {
  /** The per-start admin secret from the server file (src/server/server-file.ts); the CLI's credential. */
  adminToken: string | null;
  keys: KeyStore | null;
  /** Verifies an OIDC bearer JWT; null when no issuer is configured. */
  oidc: ((token: string) => Promise<Principal | null>) | null;
  /** `required`: anonymous callers are refused even with no key or issuer configured (only the admin token works). */
  mode: 'auto' | 'required';
}

/** The headers that carry credentials; `x-whohas-client` is only a self-declared name. */
export interface CredentialHeaders {
  authorization?: string;
  adminToken?: string;
  clientName?: string;
}

const CLIENT_NAME = /^[\w.@:/-]{1,100}$/;
/** Without any credentials configured the server only listens on loopback, and local callers may read and simulate. */
const LOCAL_ROLES = ['analyst', 'agent'] as const;

/** True when callers must present a credential: an issuer is configured, a key exists, or the mode says so. */
export function authRequired(auth: AuthSettings): boolean {
  return auth.mode === 'required' || auth.oidc !== null || (auth.keys?.hasActiveKeys() ?? false);
}

function unauthenticated(message: string): WhohasError {
  return new WhohasError('UNAUTHENTICATED', message);
}

/**
 * The one place a request's caller is decided, for GraphQL and every HTTP route (and the copilot
 * route, issue 8). A credential that is presented but wrong is refused outright rather than treated
 * as anonymous, so a revoked or expired credential fails loudly instead of silently losing rights.
 */
export async function resolvePrincipal(auth: AuthSettings, headers: CredentialHeaders): Promise<Principal> {
  if (headers.adminToken !== undefined) {
    if (auth.adminToken && sameSecret(headers.adminToken, auth.adminToken)) {
      return { id: 'admin', kind: 'admin-token', authenticated: true, roles: ['admin'], agentIdentityId: null };
    }
    throw unauthenticated('The admin token is wrong (it changes at every server start)');
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (headers.authorization !== undefined && !bearer) throw unauthenticated("The Authorization header must be 'Bearer <API key or token>'");
  if (bearer) {
    const token = bearer[1];
    if (looksLikeApiKey(token)) {
      const key = auth.keys?.verify(token);
      if (!key) throw unauthenticated('The API key is unknown or revoked');
      return { id: `key:${key.name}`, kind: 'api-key', authenticated: true, roles: [key.role], agentIdentityId: key.agentIdentityId };
    }
    if (!auth.oidc) throw unauthenticated('Bearer tokens are not accepted: no OIDC issuer is configured');
    const principal = await auth.oidc(token);
    if (!principal) throw unauthenticated('The bearer token is invalid or expired');
    return principal;
  }
  const named = headers.clientName && CLIENT_NAME.test(headers.clientName) ? headers.clientName : null;
  if (authRequired(auth)) return { id: named ?? 'anonymous', kind: 'anonymous', authenticated: false, roles: [], agentIdentityId: null };
  return { id: named ?? 'anonymous', kind: 'local', authenticated: false, roles: LOCAL_ROLES, agentIdentityId: null };
}

/** Express/Node request headers into the credential fields (first value of a repeated header). */
export function credentialHeaders(get: (name: string) => string | undefined): CredentialHeaders {
  return { authorization: get('authorization'), adminToken: get('x-whohas-admin-token'), clientName: get('x-whohas-client') };
}
