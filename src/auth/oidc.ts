import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Principal, type Role } from './roles';

export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Claim holding the caller's roles (a list or a space-separated string); a dotted path reaches into objects, e.g. `realm_access.roles`. */
  rolesClaim: string;
  /** Claim naming the agent identity a token acts as (honoured only for the agent role). */
  identityClaim: string;
  /** Leeway for clock skew on exp/nbf, in seconds. */
  clockToleranceS: number;
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload);
}

function rolesIn(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return ROLES.filter((r) => names.includes(r));
}

/**
 * Verifies bearer JWTs from the configured issuer: signature against its JWKS (fetched and cached by
 * jose, refetched when an unknown `kid` appears, so key rotation needs no restart), issuer, audience,
 * and expiry (a token without `exp` is refused: a token that never expires is a standing password).
 */
export function oidcVerifier(config: OidcConfig): (token: string) => Promise<Principal | null> {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: config.clockToleranceS,
      }));
    } catch {
      return null; // expired, wrong issuer or audience, bad signature, JWKS unreachable: all are "not authenticated"
    }
    const roles = rolesIn(claimAt(payload, config.rolesClaim));
    const bound = claimAt(payload, config.identityClaim);
    const agentIdentityId = roles.includes('agent') && typeof bound === 'string' && bound.length > 0 && bound.length <= 512 ? bound : null;
    return { id: `oidc:${String(payload.sub).slice(0, 200)}`, kind: 'oidc', authenticated: true, roles, agentIdentityId };
  };
}
