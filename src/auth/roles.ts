import { z } from 'zod';

/**
 * Who may do what (docs/security.md has the table). Roles are flat, not a hierarchy: a key has one
 * role, a token may carry several, and every guard names the roles it lets in.
 */
export const ROLES = ['admin', 'analyst', 'agent', 'bi'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Reading the graph: people, accounts, access, paths, findings with names. */
export const READERS: readonly Role[] = ['admin', 'analyst', 'agent'];
/** What-if simulations and recorded decisions (they write to the decision log). */
export const ACTORS: readonly Role[] = ['admin', 'agent'];
/** Aggregates without personal data: metrics, trends, the finding catalog, pseudonymised exports. */
export const AGGREGATE_READERS: readonly Role[] = ['admin', 'analyst', 'agent', 'bi'];
/** Rules, keys, ingest, the canonical export. */
export const ADMINS: readonly Role[] = ['admin'];
/** The copilot (`Query.ask`, `POST /copilot/ask`, issue 8): it reads the graph on the caller's behalf. */
export const COPILOT_USERS: readonly Role[] = ['admin', 'analyst', 'agent'];

export type PrincipalKind = 'api-key' | 'oidc' | 'admin-token' | 'local' | 'anonymous';

/** The caller of one request, as resolved from its headers (src/auth/resolve-principal.ts). */
export interface Principal {
  /** Recorded in the decision log as the client: `key:<name>`, `oidc:<subject>`, `admin`, `local:<name>`. */
  id: string;
  kind: PrincipalKind;
  authenticated: boolean;
  roles: readonly Role[];
  /** An agent credential bound to its identity in the graph: it always acts as that identity. */
  agentIdentityId: string | null;
}

export function hasAnyRole(p: Principal, allowed: readonly Role[]): boolean {
  return p.roles.some((r) => allowed.includes(r));
}
