import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ADMINS, AGGREGATE_READERS, READERS } from '../../src/auth/roles';
import { toConnection, toPage } from '../../src/read/page';
import { WhohasError } from '../../src/errors';
import { checkGrant } from '../../src/sod/check';
import { currentRuleSet, evaluateSod, loadSodRules, withSodEvaluation } from '../../src/sod/sod-service';
import { resolveRules } from '../../src/sod/selectors';
import { readCatalog } from '../../src/sod/sod-data';
import { summarise } from '../../src/sod/summary';
import type { RequestContext } from '../context';
import { validId } from '../inputs';
import { Identity } from '../types/identity.type';
import { AccessPath } from '../types/access.type';
import { SodCheckResult, SodKind, SodRuleSet, SodRuleSetLoad, SodSideHolding, SodSummary, SodViolation, SodViolationConnection } from '../types/sod.type';
import { pathsFor } from './access-views';
import { fullPath } from '../../src/sod/evaluate';
import { toRule, toRuleSet, toViolation } from './sod-views';

const MAX_DOCUMENT = 1024 * 1024;

@Authorized(READERS)
@Resolver(() => SodViolation)
export class SodResolver {
  @Query(() => SodRuleSet, { nullable: true, description: 'The separation-of-duties rules in force (null: none loaded)' })
  async sodRules(@Ctx() ctx: RequestContext) {
    const set = await currentRuleSet(ctx.store);
    if (!set) return null;
    return toRuleSet(set, resolveRules(set.rules, await ctx.store.read(readCatalog)));
  }

  @Query(() => SodViolationConnection, { description: 'Identities holding both sides of a rule, with the paths (and control chains) that give them each side' })
  async sodViolations(
    @Ctx() ctx: RequestContext,
    @Arg('ruleId', () => ID, { nullable: true }) ruleId?: string,
    @Arg('identityId', () => ID, { nullable: true }) identityId?: string,
    @Arg('kind', () => SodKind, { nullable: true }) kind?: string,
    @Arg('includeMitigated', { defaultValue: false, description: 'Include violations covered by a mitigation in force' }) includeMitigated?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = toPage({ first, after });
    const ev = await evaluateSod(ctx.store, ctx.now);
    if (!ev) return { ...toConnection([], page, 0), ruleSetVersion: null };
    if (ruleId && !ev.rules.some((r) => r.rule.id === validId('ruleId', ruleId))) {
      throw new WhohasError('NOT_FOUND', `No rule '${ruleId}' in rule set ${ev.ruleSet.version}`);
    }
    const matching = ev.violations.filter(
      (v) =>
        (!ruleId || v.ruleId === ruleId) &&
        (!identityId || v.identityId === identityId) &&
        (!kind || v.kind === kind) &&
        (includeMitigated || !v.mitigation),
    );
    const rules = new Map(ev.rules.map((r) => [r.rule.id, toRule(r)]));
    const nodes = matching.slice(page.skip, page.skip + page.limit).map((v) => toViolation(v, rules));
    return { ...toConnection(nodes, page, matching.length), ruleSetVersion: ev.ruleSet.version };
  }

  @Query(() => SodCheckResult, { description: 'Would granting these entitlements to the identity create violations? Nothing is written' })
  async sodCheck(@Ctx() ctx: RequestContext, @Arg('identityId', () => ID) identityId: string, @Arg('add', () => [ID]) add: string[]) {
    const id = validId('identityId', identityId);
    if (!add.length) throw new WhohasError('BAD_USER_INPUT', "Argument 'add' must name at least one entitlement");
    const [identity, entitlements] = await Promise.all([ctx.loaders.identity.load(id), ctx.loaders.entitlement.loadMany(add.map((e) => validId('add', e)))]);
    if (!identity) throw new WhohasError('NOT_FOUND', `No identity '${id}'`);
    const unknown = add.filter((_, i) => !entitlements[i] || entitlements[i] instanceof Error);
    if (unknown.length) throw new WhohasError('NOT_FOUND', `No entitlement(s) ${unknown.map((u) => `'${u}'`).join(', ')}`);
    return withSodEvaluation(ctx.store, ctx.now, async (ev) => {
      if (!ev) return { ruleSetVersion: null, wouldViolate: false, introduced: [], existing: [] };
      const result = await checkGrant(ev, id, add, ctx.now);
      const rules = new Map(ev.rules.map((r) => [r.rule.id, toRule(r)]));
      return {
        ruleSetVersion: ev.ruleSet.version,
        wouldViolate: result.introduced.some((v) => !v.mitigation),
        introduced: result.introduced.map((v) => toViolation(v, rules)),
        existing: result.existing.map((v) => toViolation(v, rules)),
      };
    });
  }

  @Authorized(AGGREGATE_READERS)
  @Query(() => SodSummary, { description: 'Open and mitigated violations per rule, severity, department and kind' })
  async sodSummary(@Ctx() ctx: RequestContext) {
    const ev = await evaluateSod(ctx.store, ctx.now);
    if (!ev) return summarise(null, new Map());
    const ids = [...new Set(ev.violations.map((v) => v.identityId))];
    const people = await ctx.loaders.identity.loadMany(ids);
    const departments = new Map(ids.map((id, i) => [id, (people[i] as Identity | null)?.department ?? null]));
    return summarise(ev, departments);
  }

  @Authorized(ADMINS)
  @Mutation(() => SodRuleSetLoad, { description: 'Replaces the rule set with this YAML or JSON document (whole or not at all). Needs the admin token' })
  async loadSodRules(@Ctx() ctx: RequestContext, @Arg('document') document: string, @Arg('fileName', { defaultValue: 'rules' }) fileName: string) {
    if (!ctx.isAdmin) throw new WhohasError('FORBIDDEN', 'Loading rules needs the admin token (x-whohas-admin-token)');
    if (document.length > MAX_DOCUMENT) throw new WhohasError('BAD_USER_INPUT', `Argument 'document' is over ${MAX_DOCUMENT / 1024} KiB`);
    const { ruleSet, warnings } = await loadSodRules(ctx.store, document, fileName, new Date(ctx.now));
    return { ruleSet: toRuleSet(ruleSet, resolveRules(ruleSet.rules, await ctx.store.read(readCatalog))), warnings };
  }

  @FieldResolver(() => Identity, { nullable: true })
  identity(@Root() v: SodViolation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.identity.load(v.identityId);
  }
}

@Authorized(READERS)
@Resolver(() => SodSideHolding)
export class SodSideHoldingResolver {
  @FieldResolver(() => [AccessPath], { description: 'From the violating identity to the entitlement, control chain first' })
  paths(@Root() side: SodSideHolding, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<AccessPath[]> {
    return pathsFor(ctx, info, side.holding.paths.map((p) => fullPath(side.holding, p)));
  }
}
