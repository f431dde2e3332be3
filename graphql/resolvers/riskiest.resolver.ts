import { Authorized, Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import { departmentOf } from '../../src/risk/risk-data';
import { evaluateRisk } from '../../src/risk/risk-service';
import { bandOf } from '../../src/risk/scores';
import { toPage } from '../../src/read/page';
import type { RequestContext } from '../context';
import { validFindingFilter } from '../risk-inputs';
import { IdentityKind } from '../types/enums';
import { Identity } from '../types/identity.type';
import { RankedIdentity } from '../types/risk.type';

@Authorized(READERS)
@Resolver(() => RankedIdentity)
export class RiskiestResolver {
  @Query(() => [RankedIdentity], { description: 'Identities by risk score, highest first (ties by id); only those with a score above 0' })
  async riskiestIdentities(
    @Ctx() ctx: RequestContext,
    @Arg('department', () => String, { nullable: true, description: "The identity's department; for services and agents, their owner's" }) department?: string,
    @Arg('kind', () => IdentityKind, { nullable: true }) kind?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20' }) first?: number,
  ): Promise<RankedIdentity[]> {
    const filter = validFindingFilter({ department, kind });
    const { limit } = toPage({ first: first ?? 20 });
    const ev = await evaluateRisk(ctx.store, ctx.now);
    const ranked: RankedIdentity[] = [];
    for (const s of ev.scores.values()) {
      if (s.score <= 0) continue;
      const facts = ev.data.identities.get(s.identityId);
      const dept = departmentOf(ev.data, s.identityId);
      if (filter.kind && facts?.kind !== filter.kind) continue;
      if (filter.department && dept !== filter.department) continue;
      ranked.push({ identityId: s.identityId, score: s.score, band: bandOf(s.score), department: dept, factors: s.factors });
    }
    ranked.sort((a, b) => b.score - a.score || (a.identityId < b.identityId ? -1 : 1));
    return ranked.slice(0, limit);
  }

  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() r: RankedIdentity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(r.identityId);
  }
}
