import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACTORS, READERS } from '../../src/auth/roles';
import { z } from 'zod';
import { simulationHistory, type SimulationHistory } from '../../src/audit/log-query';
import type { DecisionEntry, Requester as LoggedRequester } from '../../src/audit/records';
import { WhohasError } from '../../src/errors';
import { toConnection, toPage } from '../../src/read/page';
import { requesterOf, type RequestContext } from '../context';
import { validId } from '../inputs';
import { DecisionLogIntegrity, DecisionState, DecisionTaken, RecordedDecision, Requester, SimulationRecord, SimulationRecordConnection } from '../types/decision-log.type';
import { Identity } from '../types/identity.type';

const Note = z.string().max(2000, 'note must be at most 2000 characters').nullish();
const Time = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString()).nullish();

const toRequester = (r: LoggedRequester): Requester => ({ client: r.client, authenticated: r.authenticated, actingAsId: r.actingAs });
const toDecision = (d: DecisionEntry): RecordedDecision => ({
  seq: d.seq, at: d.at, simulationId: d.simulationId, decision: d.decision, note: d.note, requester: toRequester(d.requester), hash: d.hash,
});

function toRecord({ simulation: s, decisions }: SimulationHistory): SimulationRecord {
  const field = (c: Record<string, unknown>, k: string) => (c[k] ?? null) as never;
  return {
    seq: s.seq, at: s.at, simulationId: s.simulationId, requester: toRequester(s.requester), graphVersion: s.graphVersion, baseGraphVersion: s.baseGraphVersion,
    changes: s.changes.map((c) => ({
      op: String(c.op), memberId: field(c, 'memberId'), groupId: field(c, 'groupId'), holderId: field(c, 'holderId'), entitlementId: field(c, 'entitlementId'),
      accountId: field(c, 'accountId'), fromId: field(c, 'fromId'), toId: field(c, 'toId'), scope: field(c, 'scope'), identityId: field(c, 'identityId'), expiresAt: field(c, 'expiresAt'),
    })),
    outcomes: s.outcomes, affectedIdentityCount: s.affectedIdentityCount, lostCount: s.lostCount, gainedCount: s.gainedCount,
    sodIntroduced: s.sodIntroduced, sodResolved: s.sodResolved, resultDigest: s.resultDigest, touchedIdentityIds: s.touched,
    decisions: decisions.map(toDecision), latestDecision: decisions[decisions.length - 1]?.decision ?? null, hash: s.hash,
  };
}

function valid<T>(schema: z.ZodType<T>, name: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', `Argument '${name}': ${parsed.error.issues[0].message}`);
  return parsed.data;
}

@Authorized(READERS)
@Resolver()
export class DecisionLogResolver {
  @Authorized(ACTORS)
  @Mutation(() => RecordedDecision, { description: 'Records what was done after a simulation (append-only: a later decision does not erase an earlier one)' })
  async recordDecision(
    @Ctx() ctx: RequestContext,
    @Arg('simulationId', () => ID) simulationId: string,
    @Arg('decision', () => DecisionTaken) decision: DecisionTaken,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('actingAs', () => ID, { nullable: true }) actingAs?: string | null,
  ): Promise<RecordedDecision> {
    const requester = requesterOf(ctx, actingAs ? validId('actingAs', actingAs) : null);
    const entry = await ctx.recorder.recordDecision(validId('simulationId', simulationId), decision, valid(Note, 'note', note) ?? null, requester, new Date(ctx.now));
    return toDecision(entry);
  }

  @Query(() => SimulationRecordConnection, { description: 'Recorded simulations and the decisions taken on them, newest first' })
  decisions(
    @Ctx() ctx: RequestContext,
    @Arg('requester', () => String, { nullable: true, description: 'A client name, or the identity a client acted as' }) requester?: string | null,
    @Arg('identityId', () => ID, { nullable: true, description: 'Simulations that named this identity or changed its access' }) identityId?: string | null,
    @Arg('since', () => String, { nullable: true }) since?: string | null,
    @Arg('until', () => String, { nullable: true }) until?: string | null,
    @Arg('decision', () => DecisionState, { nullable: true }) decision?: DecisionState | null,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const all = simulationHistory(ctx.recorder.log.all(), {
      requester: requester ? validId('requester', requester) : null,
      identityId: identityId ? validId('identityId', identityId) : null,
      since: valid(Time, 'since', since),
      until: valid(Time, 'until', until),
      decision,
    });
    return toConnection(all.slice(page.skip, page.skip + page.limit).map(toRecord), page, all.length);
  }

  @Query(() => DecisionLogIntegrity, { description: 'Checks the decision log on disk: is the hash chain intact, and where does it break?' })
  decisionLogIntegrity(@Ctx() ctx: RequestContext): DecisionLogIntegrity {
    return ctx.recorder.log.verify();
  }
}

@Authorized(READERS)
@Resolver(() => Requester)
export class RequesterResolver {
  @FieldResolver(() => Identity, { nullable: true })
  actingAs(@Root() r: Requester, @Ctx() ctx: RequestContext) {
    return r.actingAsId ? ctx.loaders.identity.load(r.actingAsId) : null;
  }
}
