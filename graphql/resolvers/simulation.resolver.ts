import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACTORS, READERS } from '../../src/auth/roles';
import { WhohasError } from '../../src/errors';
import { toConnection, toPage } from '../../src/read/page';
import { parseChanges } from '../../src/simulate/changes';
import { requesterOf, type RequestContext } from '../context';
import { validId } from '../inputs';
import { Identity } from '../types/identity.type';
import { AccessDelta, AccessDeltaConnection, ChangeInput, SimulationResult } from '../types/simulation.type';
import { toDelta, toSimulationResult } from './simulation-views';

const MAX_VERSION = 100;

@Authorized(READERS)
@Resolver(() => SimulationResult)
export class SimulationResolver {
  @Authorized(ACTORS)
  @Mutation(() => SimulationResult, {
    description:
      'What exactly changes if these changes are made together? Never writes to the graph; records the question in the decision log. ' +
      'With baseGraphVersion, fails with STALE_GRAPH when the graph has moved on since the caller read it',
  })
  async simulate(
    @Ctx() ctx: RequestContext,
    @Arg('changes', () => [ChangeInput]) changes: ChangeInput[],
    @Arg('baseGraphVersion', () => String, { nullable: true }) baseGraphVersion?: string | null,
    @Arg('actingAs', () => ID, { nullable: true, description: 'The identity (e.g. an agent) the caller acts as; recorded in the decision log' })
    actingAs?: string | null,
  ): Promise<SimulationResult> {
    const parsed = parseChanges(changes.map((c) => ({ ...c })));
    if (baseGraphVersion != null && (!baseGraphVersion.trim() || baseGraphVersion.length > MAX_VERSION)) {
      throw new WhohasError('BAD_USER_INPUT', "Argument 'baseGraphVersion' must be a graph version this API returned");
    }
    const requester = requesterOf(ctx, actingAs ? validId('actingAs', actingAs) : null);
    const sim = await ctx.recorder.simulate(parsed, baseGraphVersion ?? null, requester, new Date(ctx.now));
    return toSimulationResult(sim);
  }

  @Query(() => SimulationResult, {
    nullable: true,
    description: 'A recent simulation by id, to page through its deltas (kept in memory for the last 50, fewer when they are large; null once gone: simulate again)',
  })
  simulation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): SimulationResult | null {
    const sim = ctx.recorder.simulator.recall(validId('id', id));
    return sim ? toSimulationResult(sim) : null;
  }

  @FieldResolver(() => AccessDeltaConnection, { description: 'Per identity, ordered by identity id' })
  deltas(
    @Root() result: SimulationResult,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('identityId', () => ID, { nullable: true, description: "Only this identity's delta" }) identityId?: string,
  ) {
    const page = toPage({ first, after });
    const sim = result.simulation;
    const all = identityId ? sim.deltas.filter((d) => d.identityId === identityId) : sim.deltas;
    const nodes = all.slice(page.skip, page.skip + page.limit).map((d) => toDelta(d, sim.usageOf));
    return toConnection(nodes, page, all.length);
  }
}

@Authorized(READERS)
@Resolver(() => AccessDelta)
export class AccessDeltaResolver {
  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() delta: AccessDelta, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(delta.identityId);
  }
}
