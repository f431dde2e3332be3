import type { Request, RequestHandler, Response } from 'express';
import { isWhohasError } from '../errors';
import { credentialHeaders, resolvePrincipal, type AuthSettings } from './resolve-principal';
import { hasAnyRole, type Principal, type Role } from './roles';

/** GraphQL clients expect GraphQL-shaped errors; the other routes answer `{ error: { code, message } }` like the admin hook always has. */
function refuse(req: Request, res: Response, status: 401 | 403, code: string, message: string): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.setHeader('cache-control', 'no-store');
  if (req.originalUrl.startsWith('/graphql')) res.status(status).json({ errors: [{ message, extensions: { code } }] });
  else res.status(status).json({ error: { code, message } });
}

/** The caller `authenticate` resolved for this request. */
export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/**
 * Resolves every request's caller once, up front (`res.locals.principal`); a wrong credential gets
 * 401 here. Routes then say who may use them with `requireRole`; GraphQL checks per field.
 */
export function authenticate(auth: AuthSettings): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.principal = await resolvePrincipal(auth, credentialHeaders((name) => req.header(name)));
    } catch (e) {
      if (!isWhohasError(e) || e.code !== 'UNAUTHENTICATED') return next(e);
      refuse(req, res, 401, e.code, e.message);
      return;
    }
    next();
  };
}

/**
 * Lets a request through only when its caller holds one of `roles`: 401 when it presented no
 * credential (and one is needed), 403 when it did but its role is not enough. Mount `authenticate`
 * before it (createApp does, for every route, including ones added later such as POST /copilot/ask).
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const principal = principalOf(res);
    if (!principal) {
      next(new Error('requireRole used on a route without the authenticate middleware in front of it'));
      return;
    }
    if (hasAnyRole(principal, roles)) return next();
    // Without a credential, one could help (401); with one, it is not enough (403).
    if (!principal.authenticated) {
      refuse(req, res, 401, 'UNAUTHENTICATED', `This needs credentials with one of the roles: ${roles.join(', ')} (Authorization: Bearer <API key or token>)`);
    } else {
      refuse(req, res, 403, 'FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
    }
  };
}
