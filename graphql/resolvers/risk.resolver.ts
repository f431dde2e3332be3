import { Authorized, Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AGGREGATE_READERS, READERS } from '../../src/auth/roles';
import { FINDING_TYPES } from '../../src/risk/catalog';
import type { Finding as FindingModel } from '../../src/risk/finding';
import { riskHistory } from '../../src/risk/snapshot';
import { evaluateRisk } from '../../src/risk/risk-service';
import { bandOf } from '../../src/risk/scores';
import { toConnection, toPage } from '../../src/read/page';
import type { RequestContext } from '../context';
import { validFindingFilter, validGroupBy, validTrendArgs } from '../risk-inputs';
import { IdentityKind } from '../types/enums';
import { Identity } from '../types/identity.type';
import {
  Finding, FindingCodeEnum, FindingConnection, FindingType, IdentityRisk, RiskGroupBy, RiskMetrics, RiskSeverity, RiskTrend,
} from '../types/risk.type';

function toFinding(f: FindingModel): Finding {
  return { ...f, kind: f.identityKind };
}

@Authorized(READERS)
@Resolver()
export class RiskQueryResolver {
  @Authorized(AGGREGATE_READERS)
  @Query(() => [FindingType], { description: 'The finding catalog: every code with its meaning and usual severity' })
  findingTypes(): FindingType[] {
    return Object.values(FINDING_TYPES).map((t) => ({ ...t, raisedTo: t.raisedTo ?? null }));
  }

  @Query(() => FindingConnection, { description: 'Risk findings across the graph, worst first; every filter is optional and exact' })
  async findings(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => FindingCodeEnum, { nullable: true }) code?: string,
    @Arg('severity', () => RiskSeverity, { nullable: true }) severity?: string,
    @Arg('department', () => String, { nullable: true, description: "The identity's department; for services and agents, their owner's" }) department?: string,
    @Arg('kind', () => IdentityKind, { nullable: true }) kind?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const filter = validFindingFilter({ code, severity, department, kind });
    const ev = await evaluateRisk(ctx.store, ctx.now);
    const { total, page: found } = ev.findings.select(filter, page.skip, page.limit);
    const nodes = found.map(toFinding);
    return { ...toConnection(nodes, page, total), evaluatedAt: ev.evaluatedAt };
  }

  @Authorized(AGGREGATE_READERS)
  @Query(() => RiskMetrics, { description: 'Counts per finding, identities, accounts, privileged grants, agents, NHI-to-human ratio and score distribution' })
  async riskMetrics(@Ctx() ctx: RequestContext, @Arg('groupBy', () => RiskGroupBy, { nullable: true, description: 'Default NONE' }) groupBy?: string) {
    const by = validGroupBy(groupBy);
    const ev = await evaluateRisk(ctx.store, ctx.now);
    return { groupBy: by, graphVersion: ev.graphVersion, evaluatedAt: ev.evaluatedAt, groups: ev.metrics(by) };
  }

  @Authorized(AGGREGATE_READERS)
  @Query(() => RiskTrend, { description: 'One metric after each ingest run (a snapshot is taken after every successful run), oldest first' })
  async riskTrend(
    @Ctx() ctx: RequestContext,
    @Arg('metric', { description: "A snapshot metric name, e.g. 'findings', 'findings.UNOWNED_ACCOUNT', 'scoreBand.critical' (docs/bi.md)" }) metric: string,
    @Arg('since', () => String, { nullable: true, description: 'ISO-8601; default: all history' }) since?: string,
  ) {
    const args = validTrendArgs({ metric, since });
    const points = [];
    for await (const s of riskHistory(ctx.store, args.since)) {
      points.push({ at: s.takenAt, runId: s.runId, graphVersion: s.graphVersion, value: s.metrics[args.metric] ?? null });
    }
    return { metric: args.metric, points };
  }
}

@Authorized(READERS)
@Resolver(() => Identity)
export class IdentityRiskResolver {
  @FieldResolver(() => IdentityRisk, { description: 'Risk score with the weighted factors that make it up; every point is explained' })
  async risk(@Root() identity: Identity, @Ctx() ctx: RequestContext): Promise<IdentityRisk> {
    const ev = await evaluateRisk(ctx.store, ctx.now);
    const score = ev.scores.get(identity.id);
    return {
      score: score?.score ?? 0,
      rawScore: score?.rawScore ?? 0,
      band: bandOf(score?.score ?? 0),
      factors: score?.factors ?? [],
      findings: ev.findingsOf(identity.id).map(toFinding),
      evaluatedAt: ev.evaluatedAt,
    };
  }
}

@Authorized(READERS)
@Resolver(() => Finding)
export class FindingResolver {
  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() f: Finding, @Ctx() ctx: RequestContext) {
    return f.identityId ? ctx.loaders.identity.load(f.identityId) : null;
  }
}

export const RISK_RESOLVERS = [RiskQueryResolver, IdentityRiskResolver, FindingResolver] as const;
