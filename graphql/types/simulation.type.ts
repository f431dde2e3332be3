import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Simulation } from '../../src/simulate/simulator';
import { AccessGrant } from './access.type';
import { Connection } from './connection';
import { SodViolation } from './sod.type';

export enum ChangeOp {
  ADD_MEMBERSHIP = 'ADD_MEMBERSHIP',
  REMOVE_MEMBERSHIP = 'REMOVE_MEMBERSHIP',
  ADD_GRANT = 'ADD_GRANT',
  REMOVE_GRANT = 'REMOVE_GRANT',
  DISABLE_ACCOUNT = 'DISABLE_ACCOUNT',
  ENABLE_ACCOUNT = 'ENABLE_ACCOUNT',
  ADD_DELEGATION = 'ADD_DELEGATION',
  REVOKE_DELEGATION = 'REVOKE_DELEGATION',
  TERMINATE_IDENTITY = 'TERMINATE_IDENTITY',
}
export enum ChangeStatus { APPLIED = 'APPLIED', NO_OP = 'NO_OP', UNKNOWN_ID = 'UNKNOWN_ID', INVALID = 'INVALID' }
export enum MemberType { ACCOUNT = 'account', GROUP = 'group' }

registerEnumType(ChangeOp, {
  name: 'ChangeOp',
  description:
    'ADD_/REMOVE_MEMBERSHIP take memberId and groupId; ADD_/REMOVE_GRANT holderId and entitlementId; DISABLE_/ENABLE_ACCOUNT accountId; ' +
    'ADD_/REVOKE_DELEGATION fromId, toId and scope; TERMINATE_IDENTITY identityId (status terminated, every account disabled, every delegation to or from them ended)',
});
registerEnumType(ChangeStatus, {
  name: 'ChangeStatus',
  description: 'APPLIED; NO_OP (the graph already is that way); UNKNOWN_ID (something it names does not exist); INVALID (it cannot be done as asked)',
});
registerEnumType(MemberType, { name: 'MemberType', description: 'Only needed when an id is both an account and a group' });

@InputType({ description: 'One change; give the ids its op needs (see ChangeOp) and nothing else' })
export class ChangeInput {
  @Field(() => ChangeOp) op!: ChangeOp;
  @Field(() => ID, { nullable: true }) memberId?: string | null;
  @Field(() => ID, { nullable: true }) groupId?: string | null;
  @Field(() => MemberType, { nullable: true }) memberType?: string | null;
  @Field(() => ID, { nullable: true }) holderId?: string | null;
  @Field(() => ID, { nullable: true }) entitlementId?: string | null;
  @Field(() => MemberType, { nullable: true }) holderType?: string | null;
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) fromId?: string | null;
  @Field(() => ID, { nullable: true }) toId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Delegations: entitlement ids or ["*"]; REVOKE_DELEGATION without scope revokes it whole' })
  scope?: string[] | null;
  @Field(() => ID, { nullable: true }) identityId?: string | null;
  @Field(() => String, { nullable: true, description: 'For ADD_ ops: when the new edge expires (ISO-8601 with zone); absent: never' })
  expiresAt?: string | null;
}

@ObjectType({ description: 'What one change did, or why it did nothing' })
export class ChangeOutcome {
  @Field(() => Int, { description: 'Position in the changes list (0-based)' }) index!: number;
  @Field(() => ChangeOp) op!: string;
  @Field(() => ChangeStatus) status!: string;
  @Field() message!: string;
  @Field(() => [ID], {
    description: 'The ids the change names, in this order: memberId, groupId; holderId, entitlementId; accountId; fromId, toId; identityId',
  })
  subjectIds!: string[];
}

@ObjectType({ description: "One identity's change in effective access" })
export class AccessDelta {
  @Field(() => ID) identityId!: string;
  @Field(() => [AccessGrant], { description: 'Held now, not after the changes (with the paths that give it now)' }) lost!: AccessGrant[];
  @Field(() => [AccessGrant], { description: 'Not held now, held after the changes (with the paths that would give it)' }) gained!: AccessGrant[];
}

@ObjectType()
export class AccessDeltaConnection extends Connection('AccessDelta', AccessDelta) {}

@ObjectType({ description: 'The answer to "what exactly changes if I do this?". Nothing was written to the graph; the question was recorded in the decision log' })
export class SimulationResult {
  @Field(() => ID, { description: 'Quote it in recordDecision' }) id!: string;
  @Field({ description: 'The graph the answer is about' }) graphVersion!: string;
  @Field() simulatedAt!: string;
  @Field(() => Int, { description: 'Identities whose effective access changes' }) affectedIdentityCount!: number;
  @Field(() => Int) lostCount!: number;
  @Field(() => Int) gainedCount!: number;
  @Field({ description: 'True when every change was APPLIED' }) complete!: boolean;
  @Field(() => [ChangeOutcome]) changes!: ChangeOutcome[];
  @Field(() => String, { nullable: true, description: 'The SoD rule set the SoD deltas are judged against (null: no rules loaded)' })
  sodRuleSetVersion!: string | null;
  @Field(() => [SodViolation], { description: 'Violations the changes would create' }) sodIntroduced!: SodViolation[];
  @Field(() => [SodViolation], { description: 'Violations the changes would end' }) sodResolved!: SodViolation[];
  @Field({ description: 'One plain-English paragraph built from the evidence' }) summary!: string;
  simulation!: Simulation;
}
