import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SideHolding } from '../../src/sod/evaluate';
import { Connection } from './connection';
import { Level } from './enums';

export enum SodKind {
  DIRECT = 'DIRECT',
  REACH = 'REACH',
}
registerEnumType(SodKind, {
  name: 'SodKind',
  description: "DIRECT: the identity's own effective access holds both sides. REACH: a side is held only through identities it controls (delegates to or owns)",
});

@ObjectType({ description: 'An accepted exception to a rule for one identity' })
export class SodMitigation {
  @Field(() => ID) identityId!: string;
  @Field() reason!: string;
  @Field() approver!: string;
  @Field(() => String, { nullable: true, description: 'After this, the mitigation no longer counts' }) expiry!: string | null;
}

@ObjectType({ description: 'A separation-of-duties rule: holding something from each side is the toxic combination' })
export class SodRule {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Level) severity!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [ID], { description: 'Entitlements the left side matches in the graph now' }) leftEntitlementIds!: string[];
  @Field(() => [ID], { description: 'Entitlements the right side matches in the graph now' }) rightEntitlementIds!: string[];
  @Field(() => [SodMitigation]) mitigations!: SodMitigation[];
}

@ObjectType()
export class SodRuleSet {
  @Field({ description: 'Changes whenever the rules change; every SoD answer carries it' }) version!: string;
  @Field() loadedAt!: string;
  @Field(() => [SodRule]) rules!: SodRule[];
}

@ObjectType()
export class SodRuleSetLoad {
  @Field(() => SodRuleSet) ruleSet!: SodRuleSet;
  @Field(() => [String], { description: 'Rule sides that match nothing in the graph yet (loaded anyway)' }) warnings!: string[];
}

@ObjectType({ description: 'One entitlement on one side of a violation, and the paths by which the identity reaches it' })
export class SodSideHolding {
  @Field(() => ID) entitlementId!: string;
  @Field(() => ID, { description: 'Who holds it: the identity itself, or an identity it controls' }) holderId!: string;
  @Field({ description: 'True when held through a controlled identity' }) viaControl!: boolean;
  /** Its `paths` field: graphql/resolvers/sod.resolver.ts. */
  holding!: SideHolding;
}

@ObjectType({ description: 'An identity holding both sides of a rule' })
export class SodViolation {
  @Field(() => SodRule) rule!: SodRule;
  @Field(() => ID) identityId!: string;
  @Field(() => SodKind) kind!: string;
  @Field(() => [SodSideHolding]) left!: SodSideHolding[];
  @Field(() => [SodSideHolding]) right!: SodSideHolding[];
  @Field() mitigated!: boolean;
  @Field(() => SodMitigation, { nullable: true }) mitigation!: SodMitigation | null;
  @Field(() => SodMitigation, { nullable: true, description: 'A mitigation that existed but has expired (it no longer counts)' })
  expiredMitigation!: SodMitigation | null;
}

@ObjectType()
export class SodViolationConnection extends Connection('SodViolation', SodViolation) {
  @Field(() => String, { nullable: true, description: 'The rule set the answer is about (null: no rules loaded)' }) ruleSetVersion!: string | null;
}

@ObjectType()
export class SodCheckResult {
  @Field(() => String, { nullable: true }) ruleSetVersion!: string | null;
  @Field({ description: 'True when the grant would introduce at least one unmitigated violation' }) wouldViolate!: boolean;
  @Field(() => [SodViolation], { description: 'Violations the grant would create (for the grantee, its delegates or its controllers)' })
  introduced!: SodViolation[];
  @Field(() => [SodViolation], { description: 'Violations those identities have already' }) existing!: SodViolation[];
}

@ObjectType()
export class SodCount {
  @Field() key!: string;
  @Field(() => Int) open!: number;
  @Field(() => Int) mitigated!: number;
}

@ObjectType({ description: 'Violation counts for dashboards' })
export class SodSummary {
  @Field(() => String, { nullable: true }) ruleSetVersion!: string | null;
  @Field(() => Int) open!: number;
  @Field(() => Int) mitigated!: number;
  @Field(() => [SodCount]) byRule!: SodCount[];
  @Field(() => [SodCount]) bySeverity!: SodCount[];
  @Field(() => [SodCount], { description: "By the violating identity's department ('(none)' when it has none)" }) byDepartment!: SodCount[];
  @Field(() => [SodCount]) byKind!: SodCount[];
}
