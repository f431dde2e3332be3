import type { AuthChecker } from 'type-graphql';
import { WhohasError } from '../src/errors';
import { hasAnyRole, type Role } from '../src/auth/roles';
import type { RequestContext } from './context';

/**
 * type-graphql's check for every `@Authorized(roles)` operation and field. It throws our own typed
 * errors (not type-graphql's generic ones) so clients get UNAUTHENTICATED or FORBIDDEN codes that
 * format-error passes through with a message naming the roles.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context, info }, roles) => {
  const principal = context.principal;
  if (hasAnyRole(principal, roles)) return true;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (!principal.authenticated) {
    throw new WhohasError('UNAUTHENTICATED', `${field} needs credentials with one of the roles: ${roles.join(', ')} (Authorization: Bearer <API key or token>)`);
  }
  throw new WhohasError('FORBIDDEN', `${field} needs one of the roles: ${roles.join(', ')}`);
};
