import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FINDING_CODES, type FindingCode } from '../../src/risk/catalog';
import { Connection } from './connection';
import { IdentityKind } from './enums';

/** GraphQL enums whose names are the stored values (codes are already SCREAMING_CASE). */
export const FindingCodeEnum = Object.fromEntries(FINDING_CODES.map((c) => [c, c])) as Record<FindingCode, FindingCode>;
registerEnumType(FindingCodeEnum, { name: 'FindingCode', description: 'Stable finding codes (docs/bi.md); new ones may be added, none is ever renamed' });

export enum RiskSeverity { LOW = 'low', MEDIUM = 'medium', HIGH = 'high', CRITICAL = 'critical' }
registerEnumType(RiskSeverity, { name: 'RiskSeverity' });

export enum RiskGroupBy { DEPARTMENT = 'DEPARTMENT', SYSTEM = 'SYSTEM', KIND = 'KIND', NONE = 'NONE' }
registerEnumType(RiskGroupBy, {
  name: 'RiskGroupBy',
  description: "DEPARTMENT: the identity's (a service's or agent's owner's); SYSTEM: where the account, entitlement or finding is; KIND: human, service or agent",
});

export enum ScoreBandName { NONE = 'none', LOW = 'low', MEDIUM = 'medium', HIGH = 'high', CRITICAL = 'critical' }
registerEnumType(ScoreBandName, { name: 'ScoreBand', description: 'none: 0; low: below 25; medium: 25-49; high: 50-74; critical: 75-100' });

@ObjectType({ description: 'One entry of the finding catalog' })
export class FindingType {
  @Field(() => FindingCodeEnum) code!: string;
  @Field() title!: string;
  @Field(() => RiskSeverity, { description: 'The usual severity' }) severity!: string;
  @Field(() => String, { nullable: true, description: 'When a finding of this type is rated higher' }) raisedTo!: string | null;
  @Field() description!: string;
}

@ObjectType({ description: 'Something wrong, how bad, why in words, and the ids that prove it' })
export class Finding {
  @Field(() => ID, { description: 'The code plus the subject: the same problem keeps its id across ingests' }) id!: string;
  @Field(() => FindingCodeEnum) code!: string;
  @Field(() => RiskSeverity) severity!: string;
  @Field(() => ID, { nullable: true, description: 'The identity it counts against (null: an account nobody owns, or its credential)' })
  identityId!: string | null;
  @Field(() => IdentityKind, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true, description: "The identity's department; for services and agents, their owner's" }) department!: string | null;
  @Field({ description: 'identity, account, entitlement, credential, delegation or rule' }) subjectType!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => [ID]) systemIds!: string[];
  @Field({ description: 'Plain English' }) reason!: string;
  @Field(() => [ID], { description: 'The ids behind the finding: identities, accounts, entitlements, credentials, rules' }) evidence!: string[];
}

@ObjectType()
export class FindingConnection extends Connection('Finding', Finding) {
  @Field({ description: 'The instant the findings were computed for' }) evaluatedAt!: string;
}

@ObjectType({ description: 'One finding code of an identity score: its weight is the points it adds' })
export class RiskFactor {
  @Field(() => FindingCodeEnum) code!: string;
  @Field(() => Float, { description: 'Points added: worst finding first, each worth severityPoints x code weight x 0.5^n' }) weight!: number;
  @Field(() => Int, { description: 'Findings of this code against the identity' }) count!: number;
  @Field(() => Int, { description: 'How many of them counted (at most maxFindingsPerFactor)' }) counted!: number;
  @Field(() => [ID], { description: 'The findings that counted' }) findingIds!: string[];
  @Field(() => [ID], { description: 'Their evidence ids' }) evidence!: string[];
}

@ObjectType({ description: 'An explained risk score: the factor weights add up to rawScore exactly' })
export class IdentityRisk {
  @Field(() => Float, { description: 'rawScore capped at 100' }) score!: number;
  @Field(() => Float) rawScore!: number;
  @Field(() => ScoreBandName) band!: string;
  @Field(() => [RiskFactor], { description: 'Heaviest first' }) factors!: RiskFactor[];
  @Field(() => [Finding], { description: 'Every finding against the identity, worst first' }) findings!: Finding[];
  @Field() evaluatedAt!: string;
}

@ObjectType()
export class FindingCount {
  @Field(() => FindingCodeEnum) code!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: 'Distinct identities with this finding' }) identities!: number;
}

@ObjectType()
export class SeverityCount {
  @Field(() => RiskSeverity) severity!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ScoreBandCount {
  @Field(() => ScoreBandName) band!: string;
  @Field(() => Int) identities!: number;
}

@ObjectType({ description: 'The metrics of one department, system or kind (or of everything)' })
export class RiskMetricGroup {
  @Field({ description: "The department, system id or kind; '(none)' for what has none; 'all' with groupBy NONE" }) key!: string;
  @Field(() => Int) identities!: number;
  @Field(() => Int) humans!: number;
  @Field(() => Int) services!: number;
  @Field(() => Int) agents!: number;
  @Field(() => Float, { nullable: true, description: 'Active services and agents per active human (null without active humans)' })
  nhiToHumanRatio!: number | null;
  @Field(() => Int) accounts!: number;
  @Field(() => Int) enabledAccounts!: number;
  @Field(() => Int, { description: 'Active effective-access pairs whose entitlement is privileged' }) privilegedGrants!: number;
  @Field(() => Int) findingsTotal!: number;
  @Field(() => Int) identitiesWithFindings!: number;
  @Field(() => [FindingCount], { description: 'Every code, zeros included' }) findings!: FindingCount[];
  @Field(() => [SeverityCount]) bySeverity!: SeverityCount[];
  @Field(() => [ScoreBandCount]) scoreDistribution!: ScoreBandCount[];
  @Field(() => Float) meanScore!: number;
  @Field(() => Float) maxScore!: number;
}

@ObjectType()
export class RiskMetrics {
  @Field(() => RiskGroupBy) groupBy!: string;
  @Field() graphVersion!: string;
  @Field() evaluatedAt!: string;
  @Field(() => [RiskMetricGroup]) groups!: RiskMetricGroup[];
}

@ObjectType({ description: 'A metric as it stood after one ingest run' })
export class RiskTrendPoint {
  @Field({ description: 'When the snapshot was taken (the run finishing)' }) at!: string;
  @Field(() => ID) runId!: string;
  @Field(() => String, { nullable: true }) graphVersion!: string | null;
  @Field(() => Float, { nullable: true, description: 'Null when the metric did not exist yet at that run' }) value!: number | null;
}

@ObjectType()
export class RiskTrend {
  @Field() metric!: string;
  @Field(() => [RiskTrendPoint], { description: 'Oldest first' }) points!: RiskTrendPoint[];
}

@ObjectType({ description: 'An identity and its risk score, for a ranking' })
export class RankedIdentity {
  @Field(() => ID) identityId!: string;
  @Field(() => Float) score!: number;
  @Field(() => ScoreBandName) band!: string;
  @Field(() => String, { nullable: true, description: "The identity's department; for services and agents, their owner's" }) department!: string | null;
  @Field(() => [RiskFactor], { description: 'Heaviest first' }) factors!: RiskFactor[];
}
