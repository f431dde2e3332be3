import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import type { RequestContext } from '../context';
import { AccessGrant, AccessPath } from '../types/access.type';
import { Entitlement } from '../types/entitlement.type';
import { Identity } from '../types/identity.type';
import { pathsFor } from './access-views';

@Authorized(READERS)
@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  @FieldResolver(() => Identity, { nullable: true, description: 'The holder' })
  identity(@Root() grant: AccessGrant, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(grant.identityId);
  }

  @FieldResolver(() => Entitlement, { nullable: true })
  entitlement(@Root() grant: AccessGrant, @Ctx() ctx: RequestContext) {
    return ctx.loaders.entitlement.load(grant.entitlementId);
  }

  @FieldResolver(() => [AccessPath], { description: 'Shortest first; at most WHOHAS_MAX_PATHS per grant' })
  paths(@Root() grant: AccessGrant, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<AccessPath[]> {
    return pathsFor(ctx, info, grant.storedPaths);
  }
}
