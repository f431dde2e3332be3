import { Authorized, Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { AGGREGATE_READERS, READERS } from '../../src/auth/roles';
import { readGraphVersion } from '../../src/graph-version';
import { accessPair, earliestExpiry, holdersOf } from '../../src/read/access-reader';
import { sharedAccessPages } from '../../src/read/access-page-cache';
import { identitiesPage } from '../../src/read/graph-reader';
import { toConnection, toPage } from '../../src/read/page';
import { ingestRunsPage } from '../../src/read/runs-reader';
import type { RequestContext } from '../context';
import { IdentityFilter, validFilter, validId } from '../inputs';
import { Account } from '../types/account.type';
import { AccessExplanation } from '../types/access.type';
import { AccessConnection, IdentityConnection } from '../types/connections';
import { Entitlement } from '../types/entitlement.type';
import { Group } from '../types/group.type';
import { Identity } from '../types/identity.type';
import { IngestRunConnection } from '../types/ingest-run.type';
import { System } from '../types/system.type';
import { explain, toGrant } from './access-views';

@Authorized(READERS)
@Resolver()
export class QueryResolver {
  @Query(() => Identity, { nullable: true, description: 'An identity by id; null when unknown' })
  identity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(validId('id', id));
  }

  @Query(() => IdentityConnection)
  async identities(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => IdentityFilter, { nullable: true }) filter?: IdentityFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const { nodes, total } = await identitiesPage(ctx.store, validFilter(filter), page);
    for (const n of nodes) ctx.loaders.identity.prime(n.id, n);
    return toConnection(nodes, page, total);
  }

  @Query(() => Entitlement, { nullable: true })
  entitlement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.entitlement.load(validId('id', id));
  }

  @Query(() => Account, { nullable: true })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.account.load(validId('id', id));
  }

  @Query(() => Group, { nullable: true })
  group(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.group.load(validId('id', id));
  }

  @Query(() => System, { nullable: true })
  system(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.system.load(validId('id', id));
  }

  @Query(() => AccessConnection, { description: 'Every identity that holds the entitlement, with the paths that justify it' })
  async whoHas(
    @Arg('entitlementId', () => ID) entitlementId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const { nodes, total, validUntil } = await holdersOf(ctx.store, validId('entitlementId', entitlementId), page, ctx.now, sharedAccessPages(ctx.store));
    ctx.answer.until('Query.whoHas', validUntil);
    return toConnection(nodes.map(toGrant), page, total);
  }

  @Query(() => AccessExplanation, { description: 'Whether the identity holds the entitlement, why, in paths and in words' })
  async explainAccess(
    @Arg('identityId', () => ID) identityId: string,
    @Arg('entitlementId', () => ID) entitlementId: string,
    @Ctx() ctx: RequestContext,
  ) {
    const iid = validId('identityId', identityId);
    const eid = validId('entitlementId', entitlementId);
    const view = await accessPair(ctx.store, iid, eid, ctx.now);
    // Held: the answer holds until one of its paths lapses. Not held: near misses are judged
    // against the clock on edges not tracked here, so that answer is not kept.
    if (view) ctx.answer.until('Query.explainAccess', earliestExpiry(null, [view]));
    else ctx.answer.refuse('Query.explainAccess');
    return explain(ctx, iid, eid, view);
  }

  @Authorized(AGGREGATE_READERS)
  @Query(() => String, { description: 'Changes with every successful ingest; echo it back to detect a moved graph' })
  graphVersion(@Ctx() ctx: RequestContext) {
    return readGraphVersion(ctx.store);
  }

  @Query(() => IngestRunConnection, { description: 'Ingest runs, newest first' })
  async ingestRuns(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const { nodes, total } = await ingestRunsPage(ctx.store, page);
    return toConnection(nodes, page, total);
  }
}

