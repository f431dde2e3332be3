import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';

/** Peer baselines, outliers and access recommendations (docs/peers.md). */
export enum PeerGrouping {
  AUTO = 'AUTO',
  DEPARTMENT_TITLE = 'DEPARTMENT_TITLE',
  MANAGER = 'MANAGER',
  DEPARTMENT = 'DEPARTMENT',
  ATTRIBUTES = 'ATTRIBUTES',
  TOOLSET = 'TOOLSET',
  PURPOSE = 'PURPOSE',
  OWNER_TEAM = 'OWNER_TEAM',
  ORGANIZATION = 'ORGANIZATION',
}
export enum PeerStepOutcome { CHOSEN = 'CHOSEN', TOO_SMALL = 'TOO_SMALL', UNAVAILABLE = 'UNAVAILABLE' }
export enum PeerEvidenceKind {
  ENTITLEMENT_DECISIONS = 'ENTITLEMENT_DECISIONS',
  REQUESTER_DECISIONS = 'REQUESTER_DECISIONS',
  PEER_DECISIONS = 'PEER_DECISIONS',
  PEER_COVERAGE = 'PEER_COVERAGE',
}
export enum ScoringMethod { LEARNED_FROM_DECISIONS = 'LEARNED_FROM_DECISIONS', PEER_COVERAGE = 'PEER_COVERAGE' }
export enum AccessSuggestion { APPROVE = 'APPROVE', REVIEW = 'REVIEW', DENY = 'DENY', KEEP = 'KEEP', REVOKE = 'REVOKE' }
export enum DecisionOutcome { APPROVED = 'approved', DENIED = 'denied' }
export enum DecisionKind { REQUEST = 'request', REVIEW = 'review' }

registerEnumType(PeerGrouping, {
  name: 'PeerGrouping',
  description:
    'Who counts as a peer. AUTO follows the back-off order: people DEPARTMENT_TITLE > MANAGER > DEPARTMENT > ORGANIZATION; ' +
    'agents and services TOOLSET > PURPOSE > OWNER_TEAM > ORGANIZATION. ATTRIBUTES uses the `attributes` argument and backs off by dropping the last one',
});
registerEnumType(PeerStepOutcome, { name: 'PeerStepOutcome' });
registerEnumType(PeerEvidenceKind, { name: 'PeerEvidenceKind' });
registerEnumType(ScoringMethod, {
  name: 'ScoringMethod',
  description: 'LEARNED_FROM_DECISIONS when the kind has enough past decisions to fit weights; otherwise PEER_COVERAGE',
});
registerEnumType(AccessSuggestion, {
  name: 'AccessSuggestion',
  description: 'For a request (not held): APPROVE, REVIEW or DENY. For a review (held): KEEP, REVIEW or REVOKE',
});
registerEnumType(DecisionOutcome, { name: 'DecisionOutcome' });
registerEnumType(DecisionKind, { name: 'DecisionKind' });

@ObjectType({ description: 'One fact peers share: a department, title, manager, owner team, purpose or attribute' })
export class PeerFacet {
  @Field({ description: 'department, title, manager, ownerTeam, purpose, or attributes.KEY' }) facet!: string;
  @Field() value!: string;
  @Field({ description: 'The value as people read it (a manager by name)' }) label!: string;
}

@ObjectType({ description: 'One grouping tried while choosing the peer group' })
export class PeerGroupStep {
  @Field(() => PeerGrouping) grouping!: string;
  @Field(() => [PeerFacet]) facets!: PeerFacet[];
  @Field(() => Int, { nullable: true, description: 'Null when the identity lacks what the grouping needs' }) peerCount!: number | null;
  @Field(() => PeerStepOutcome) outcome!: string;
  @Field() reason!: string;
}

@ObjectType({ description: 'The peers an answer compares with, and why these' })
export class PeerGroup {
  @Field(() => PeerGrouping) grouping!: string;
  @Field(() => PeerGrouping) requested!: string;
  @Field() description!: string;
  @Field(() => [PeerFacet]) facets!: PeerFacet[];
  @Field(() => Int, { description: 'Active identities of the same kind, the identity itself excluded' }) peerCount!: number;
  @Field(() => Int) minPeers!: number;
  @Field({ description: 'True when a narrower grouping was too small or unavailable' }) backedOff!: boolean;
  @Field({ description: 'False only when even the widest group has fewer than minPeers' }) sufficient!: boolean;
  @Field() reason!: string;
  @Field(() => [PeerGroupStep]) steps!: PeerGroupStep[];
  peerIds!: readonly string[];
}

@ObjectType({ description: "An entitlement seen in an identity's peer group" })
export class PeerEntitlement {
  @Field(() => ID) entitlementId!: string;
  @Field(() => Float, { description: 'Share of peers holding it (0 to 1)' }) coverage!: number;
  @Field(() => Int) peersHolding!: number;
  @Field() held!: boolean;
  @Field({ description: 'Held while coverage is below outlierBelow' }) outlier!: boolean;
  @Field({ description: 'Not held while coverage is at least commonAbove' }) commonButMissing!: boolean;
  @Field(() => String, { nullable: true }) lastUsedAt!: string | null;
  @Field(() => Int) useCount!: number;
}

@ObjectType({ description: 'What peers hold, set against what the identity holds' })
export class PeerBaseline {
  @Field(() => ID) identityId!: string;
  @Field(() => PeerGroup) group!: PeerGroup;
  @Field(() => Float) outlierBelow!: number;
  @Field(() => Float) commonAbove!: number;
  @Field(() => Int) heldCount!: number;
  @Field(() => Int) outlierCount!: number;
  @Field(() => Int) commonButMissingCount!: number;
  rows!: PeerEntitlement[];
}

@ObjectType({ description: "An entitlement's standing in an identity's peer group (AUTO grouping, default thresholds)" })
export class PeerCoverage {
  @Field(() => PeerGrouping) grouping!: string;
  @Field(() => Int) peerCount!: number;
  @Field(() => Int) peersHolding!: number;
  @Field(() => Float) coverage!: number;
  @Field() held!: boolean;
  @Field() outlier!: boolean;
  @Field() commonButMissing!: boolean;
  @Field(() => Float, { description: 'The accessRecommendation score for the pair' }) score!: number;
  @Field(() => AccessSuggestion) suggestion!: string;
  @Field(() => PeerGroup) group!: PeerGroup;
}

@ObjectType({ description: 'One additive term of a score: sigmoid(baseLogOdds + sum of contributions) = score' })
export class PeerEvidence {
  @Field(() => PeerEvidenceKind) kind!: string;
  @Field(() => PeerGrouping, { nullable: true, description: 'The named grouping the peers form, when they form one' }) grouping!: string | null;
  @Field(() => [PeerFacet], { description: 'What the peers share; empty for evidence about everyone' }) facets!: PeerFacet[];
  @Field(() => Int, { nullable: true }) peers!: number | null;
  @Field(() => Int, { nullable: true }) holders!: number | null;
  @Field(() => Int, { nullable: true }) approved!: number | null;
  @Field(() => Int, { nullable: true }) denied!: number | null;
  @Field(() => Float, { description: 'Smoothed log-odds of this group relative to the wider one' }) value!: number;
  @Field(() => Float) weight!: number;
  @Field(() => Float, { description: 'weight x value, in log-odds' }) contribution!: number;
  @Field() statement!: string;
}

@ObjectType({ description: 'A past request or review decision (whohas extension: the decisions bundle file)' })
export class AccessDecision {
  @Field(() => DecisionOutcome) outcome!: string;
  @Field(() => DecisionKind) kind!: string;
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType({ description: 'A weight the model gives one kind of evidence' })
export class ScoringTerm {
  @Field() id!: string;
  @Field(() => PeerEvidenceKind) kind!: string;
  @Field(() => [String]) facets!: string[];
  @Field(() => Float) weight!: number;
}

@ObjectType({ description: 'How scores for one identity kind are made' })
export class ScoringModel {
  @Field(() => ScoringMethod) method!: string;
  @Field(() => Int) decisions!: number;
  @Field(() => Int) approved!: number;
  @Field(() => Int) denied!: number;
  @Field(() => Float) intercept!: number;
  @Field(() => [ScoringTerm]) terms!: ScoringTerm[];
  @Field() reason!: string;
}

@ObjectType({ description: 'Should this identity hold this entitlement? A score with the peers and decisions behind it' })
export class AccessRecommendation {
  @Field(() => ID) identityId!: string;
  @Field(() => ID) entitlementId!: string;
  @Field(() => Float, { description: 'In [0, 1]: how strongly peers (and past decisions) say it should be held' }) score!: number;
  @Field() held!: boolean;
  @Field(() => AccessSuggestion) suggestion!: string;
  @Field() summary!: string;
  @Field(() => Float) baseLogOdds!: number;
  @Field(() => [PeerEvidence], { description: 'Largest effect first' }) evidence!: PeerEvidence[];
  @Field(() => AccessDecision, { nullable: true, description: "The identity's own latest decision on it: shown, not scored" })
  priorDecision!: AccessDecision | null;
  @Field(() => String, { nullable: true }) lastUsedAt!: string | null;
  @Field(() => ScoringModel) model!: ScoringModel;
  @Field(() => PeerCoverage) peers!: PeerCoverage;
  supportingPeerIds!: string[];
}

@ObjectType({ description: 'Held access that peers rarely hold' })
export class Outlier {
  @Field(() => ID) identityId!: string;
  @Field(() => ID) entitlementId!: string;
  @Field(() => Float, { description: '1 - the accessRecommendation score' }) outlierScore!: number;
  @Field(() => String, { nullable: true }) lastUsedAt!: string | null;
  @Field(() => Int) useCount!: number;
}

@ObjectType()
export class OutlierConnection extends Connection('Outlier', Outlier) {}
