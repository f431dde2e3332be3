import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import type { RequestContext } from '../context';
import { Account } from '../types/account.type';
import { Entitlement } from '../types/entitlement.type';
import { Group } from '../types/group.type';
import { Identity } from '../types/identity.type';
import { System } from '../types/system.type';

@Authorized(READERS)
@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => System, { nullable: true })
  system(@Root() a: Account, @Ctx() ctx: RequestContext) {
    return ctx.loaders.system.load(a.systemId);
  }

  @FieldResolver(() => Identity, { nullable: true, description: 'Null for an unowned account (a finding)' })
  identity(@Root() a: Account, @Ctx() ctx: RequestContext) {
    return a.identityId ? ctx.loaders.identity.load(a.identityId) : null;
  }
}

@Authorized(READERS)
@Resolver(() => Group)
export class GroupResolver {
  @FieldResolver(() => System, { nullable: true })
  system(@Root() g: Group, @Ctx() ctx: RequestContext) {
    return ctx.loaders.system.load(g.systemId);
  }
}

@Authorized(READERS)
@Resolver(() => Entitlement)
export class EntitlementResolver {
  @FieldResolver(() => System, { nullable: true })
  system(@Root() e: Entitlement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.system.load(e.systemId);
  }
}

@Authorized(READERS)
@Resolver(() => System)
export class SystemResolver {
  @FieldResolver(() => Identity, { nullable: true })
  owner(@Root() s: System, @Ctx() ctx: RequestContext) {
    return s.ownerId ? ctx.loaders.identity.load(s.ownerId) : null;
  }
}
