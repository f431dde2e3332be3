import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import { peerBaseline } from '../../src/peers/baseline';
import { filterOutliers } from '../../src/peers/outliers';
import { toConnection, toPage } from '../../src/read/page';
import { peerModel } from '../../src/read/peers-reader';
import type { RequestContext } from '../context';
import { validId } from '../inputs';
import { validBaselineOptions, validOutlierFilter } from '../peer-inputs';
import { AccessExplanation } from '../types/access.type';
import { Entitlement } from '../types/entitlement.type';
import { IdentityKind } from '../types/enums';
import { Identity } from '../types/identity.type';
import {
  AccessRecommendation, Outlier, OutlierConnection, PeerBaseline, PeerCoverage, PeerEntitlement, PeerEvidence, PeerGroup, PeerGrouping,
} from '../types/peer.type';
import { peerCoverage, toBaseline, toEvidence, toRecommendation } from './peer-views';

async function identities(ctx: RequestContext, ids: readonly string[]) {
  const found = await ctx.loaders.identity.loadMany([...ids]);
  return found.filter((i) => i !== null && !(i instanceof Error));
}

@Authorized(READERS)
@Resolver()
export class PeerQueryResolver {
  @Query(() => PeerBaseline, { description: "What an identity's peers hold, set against what it holds: coverage, outliers, common-but-missing" })
  async peerBaseline(
    @Arg('identityId', () => ID) identityId: string,
    @Ctx() ctx: RequestContext,
    @Arg('by', () => PeerGrouping, { nullable: true, description: 'Default AUTO' }) by?: string,
    @Arg('minPeers', () => Int, { nullable: true, description: 'Back off to a wider group below this many peers (default 5)' }) minPeers?: number,
    @Arg('attributes', () => [String], { nullable: true, description: 'For by: ATTRIBUTES: facets to group on (attribute keys, or department, title, manager, ownerTeam)' })
    attributes?: string[],
    @Arg('outlierBelow', { nullable: true, description: 'Held with coverage below this is an outlier (default 0.1)' }) outlierBelow?: number,
    @Arg('commonAbove', { nullable: true, description: 'Missing with coverage at least this is common-but-missing (default 0.75)' }) commonAbove?: number,
  ) {
    const id = validId('identityId', identityId);
    const options = validBaselineOptions({ by, minPeers, attributes, outlierBelow, commonAbove });
    const model = await peerModel(ctx.store, ctx.now);
    return toBaseline(model, peerBaseline(model.index, model.identity(id), options));
  }

  @Query(() => OutlierConnection, { description: 'Held-but-unusual access across the organisation, most unusual first' })
  async outliers(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('minScore', { nullable: true, description: 'Lowest outlier score listed (default 0.8)' }) minScore?: number,
    @Arg('department', () => String, { nullable: true, description: "The identity's department; for agents and services, their owner's" })
    department?: string,
    @Arg('kind', () => IdentityKind, { nullable: true }) kind?: string,
  ) {
    const page = toPage({ first, after });
    const filter = validOutlierFilter({ minScore, department, kind });
    const model = await peerModel(ctx.store, ctx.now);
    const all = filterOutliers(model, filter);
    return toConnection(all.slice(page.skip, page.skip + page.limit), page, all.length);
  }

  @Query(() => AccessRecommendation, { description: 'Should this identity hold this entitlement? For access requests and reviews' })
  async accessRecommendation(
    @Arg('identityId', () => ID) identityId: string,
    @Arg('entitlementId', () => ID) entitlementId: string,
    @Ctx() ctx: RequestContext,
  ) {
    const iid = validId('identityId', identityId);
    const eid = validId('entitlementId', entitlementId);
    const model = await peerModel(ctx.store, ctx.now);
    return toRecommendation(model, model.recommend(iid, eid, ctx.now), ctx.now);
  }
}

@Authorized(READERS)
@Resolver(() => PeerBaseline)
export class PeerBaselineResolver {
  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() b: PeerBaseline, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(b.identityId);
  }

  @FieldResolver(() => [PeerEntitlement], { description: 'Outliers first, then common-but-missing, then the rest by coverage' })
  entitlements(@Root() b: PeerBaseline, @Arg('flaggedOnly', { defaultValue: false, description: 'Only outliers and common-but-missing' }) flaggedOnly: boolean) {
    return flaggedOnly ? b.rows.filter((r) => r.outlier || r.commonButMissing) : b.rows;
  }
}

@Authorized(READERS)
@Resolver(() => PeerEntitlement)
export class PeerEntitlementResolver {
  @FieldResolver(() => Entitlement, { nullable: true })
  entitlement(@Root() r: PeerEntitlement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.entitlement.load(r.entitlementId);
  }
}

@Authorized(READERS)
@Resolver(() => PeerGroup)
export class PeerGroupResolver {
  @FieldResolver(() => [Identity], { description: 'The peers themselves, by id' })
  peers(@Root() g: PeerGroup, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return identities(ctx, [...g.peerIds].sort().slice(0, Math.max(0, Math.min(first, 500))));
  }
}

@Authorized(READERS)
@Resolver(() => AccessRecommendation)
export class AccessRecommendationResolver {
  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() r: AccessRecommendation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(r.identityId);
  }

  @FieldResolver(() => Entitlement, { nullable: true })
  entitlement(@Root() r: AccessRecommendation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.entitlement.load(r.entitlementId);
  }

  @FieldResolver(() => [Identity], { description: 'Peers in the default group who hold it or were approved for it' })
  supportingPeers(@Root() r: AccessRecommendation, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    return identities(ctx, r.supportingPeerIds.slice(0, Math.max(0, Math.min(first, 50))));
  }
}

@Authorized(READERS)
@Resolver(() => Outlier)
export class OutlierResolver {
  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() o: Outlier, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(o.identityId);
  }

  @FieldResolver(() => Entitlement, { nullable: true })
  entitlement(@Root() o: Outlier, @Ctx() ctx: RequestContext) {
    return ctx.loaders.entitlement.load(o.entitlementId);
  }

  @FieldResolver(() => PeerCoverage, { description: 'Coverage in the default peer group' })
  async peers(@Root() o: Outlier, @Ctx() ctx: RequestContext) {
    const model = await peerModel(ctx.store, ctx.now);
    return peerCoverage(model, model.identity(o.identityId), o.entitlementId, ctx.now, 1 - o.outlierScore);
  }

  @FieldResolver(() => [PeerEvidence], { description: 'The terms behind the score, largest effect first' })
  async evidence(@Root() o: Outlier, @Ctx() ctx: RequestContext) {
    const model = await peerModel(ctx.store, ctx.now);
    return model.recommend(o.identityId, o.entitlementId, ctx.now).evidence.map((e) => toEvidence(model, e));
  }
}

@Authorized(READERS)
@Resolver(() => AccessExplanation)
export class AccessExplanationPeersResolver {
  @FieldResolver(() => PeerCoverage, { nullable: true, description: "The entitlement's coverage among the identity's peers (null when either is unknown)" })
  async peers(@Root() x: AccessExplanation, @Ctx() ctx: RequestContext) {
    const model = await peerModel(ctx.store, ctx.now);
    const identity = model.snapshot.identity(x.identityId);
    if (!identity || !model.snapshot.entitlements.has(x.entitlementId)) return null;
    return peerCoverage(model, identity, x.entitlementId, ctx.now);
  }
}

export const PEER_RESOLVERS = [
  PeerQueryResolver, PeerBaselineResolver, PeerEntitlementResolver, PeerGroupResolver, AccessRecommendationResolver, OutlierResolver,
  AccessExplanationPeersResolver,
] as const;
