import { Authorized, Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import { effectiveAccess } from '../../src/read/access-reader';
import { sharedAccessPages } from '../../src/read/access-page-cache';
import { toConnection, toPage } from '../../src/read/page';
import type { RequestContext } from '../context';
import { Account } from '../types/account.type';
import { AccessConnection } from '../types/connections';
import { Delegation, Identity } from '../types/identity.type';
import { toGrant } from './access-views';

async function identities(ctx: RequestContext, ids: string[]) {
  const found = await ctx.loaders.identity.loadMany(ids);
  return found.filter((i) => i !== null && !(i instanceof Error));
}

@Authorized(READERS)
@Resolver(() => Identity)
export class IdentityResolver {
  @FieldResolver(() => Identity, { nullable: true })
  manager(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return identity.managerId ? ctx.loaders.identity.load(identity.managerId) : null;
  }

  @FieldResolver(() => Identity, { nullable: true, description: 'The accountable human of a service or agent' })
  owner(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return identity.ownerId ? ctx.loaders.identity.load(identity.ownerId) : null;
  }

  @FieldResolver(() => [Account])
  accounts(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.accountsOf.load(identity.id);
  }

  @FieldResolver(() => [Identity], { description: 'Identities that act on behalf of this one' })
  async delegatesTo(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return identities(ctx, (await ctx.loaders.delegationsFrom.load(identity.id)).map((d) => d.toId));
  }

  @FieldResolver(() => [Identity], { description: 'Identities this one acts on behalf of' })
  async delegatedFrom(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return identities(ctx, (await ctx.loaders.delegationsTo.load(identity.id)).map((d) => d.fromId));
  }

  @FieldResolver(() => [Delegation], { description: 'Delegations this identity granted, with scope and expiry' })
  delegationsOut(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.delegationsFrom.load(identity.id);
  }

  @FieldResolver(() => [Delegation], { description: 'Delegations this identity received, with scope and expiry' })
  delegationsIn(@Root() identity: Identity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.delegationsTo.load(identity.id);
  }

  @FieldResolver(() => AccessConnection, { description: 'Every entitlement this identity holds, with the paths' })
  async effectiveAccess(
    @Root() identity: Identity,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const { nodes, total, validUntil } = await effectiveAccess(ctx.store, identity.id, page, ctx.now, sharedAccessPages(ctx.store));
    ctx.answer.until('Identity.effectiveAccess', validUntil);
    return toConnection(nodes.map(toGrant), page, total);
  }
}

@Authorized(READERS)
@Resolver(() => Delegation)
export class DelegationResolver {
  @FieldResolver(() => Identity, { nullable: true, description: 'The delegator' })
  from(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(d.fromId);
  }

  @FieldResolver(() => Identity, { nullable: true, description: 'The delegate, acting on behalf of `from`' })
  to(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(d.toId);
  }
}
