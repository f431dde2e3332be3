import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import type { RequestContext } from '../context';
import { AccessGrant, AccessHop, AccessPath } from '../types/access.type';
import { Entitlement } from '../types/entitlement.type';
import { Identity } from '../types/identity.type';
import { hopName, toPath } from './access-views';

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
  paths(@Root() grant: AccessGrant): AccessPath[] {
    return grant.storedPaths.map(toPath);
  }
}

@Authorized(READERS)
@Resolver(() => AccessHop)
export class AccessHopResolver {
  @FieldResolver(() => String)
  name(@Root() hop: AccessHop, @Ctx() ctx: RequestContext) {
    return hopName(ctx, hop.kind, hop.id);
  }
}
