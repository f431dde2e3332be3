import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { ChangeOp, ChangeStatus } from './simulation.type';

export enum DecisionTaken { APPLIED = 'APPLIED', ABANDONED = 'ABANDONED', ESCALATED = 'ESCALATED' }
export enum DecisionState { APPLIED = 'APPLIED', ABANDONED = 'ABANDONED', ESCALATED = 'ESCALATED', NONE = 'NONE' }
registerEnumType(DecisionTaken, { name: 'DecisionTaken', description: 'What the caller did after simulating' });
registerEnumType(DecisionState, { name: 'DecisionState', description: 'The latest decision recorded for a simulation; NONE: none yet' });

@ObjectType({ description: 'Who asked: the client, and the identity it said it acts as' })
export class Requester {
  @Field({ description: 'The authenticated client, or the name an unauthenticated caller gave (x-whohas-client), or "anonymous"' }) client!: string;
  @Field() authenticated!: boolean;
  @Field(() => ID, { nullable: true }) actingAsId!: string | null;
}

@ObjectType({ description: 'A change as it was asked for' })
export class ChangeRecord {
  @Field(() => ChangeOp) op!: string;
  @Field(() => ID, { nullable: true }) memberId!: string | null;
  @Field(() => ID, { nullable: true }) groupId!: string | null;
  @Field(() => ID, { nullable: true }) holderId!: string | null;
  @Field(() => ID, { nullable: true }) entitlementId!: string | null;
  @Field(() => ID, { nullable: true }) accountId!: string | null;
  @Field(() => ID, { nullable: true }) fromId!: string | null;
  @Field(() => ID, { nullable: true }) toId!: string | null;
  @Field(() => [ID], { nullable: true }) scope!: string[] | null;
  @Field(() => ID, { nullable: true }) identityId!: string | null;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
}

@ObjectType()
export class RecordedOutcome {
  @Field(() => Int) index!: number;
  @Field(() => ChangeStatus) status!: string;
}

@ObjectType({ description: 'What a caller did after a simulation, as recorded' })
export class RecordedDecision {
  @Field(() => Int, { description: 'Position in the decision log' }) seq!: number;
  @Field() at!: string;
  @Field(() => ID) simulationId!: string;
  @Field(() => DecisionTaken) decision!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Requester) requester!: Requester;
  @Field({ description: "sha256 over the record and the previous record's hash" }) hash!: string;
}

@ObjectType({ description: 'A recorded simulation: who asked what, about which graph, and a digest of the answer' })
export class SimulationRecord {
  @Field(() => Int) seq!: number;
  @Field() at!: string;
  @Field(() => ID) simulationId!: string;
  @Field(() => Requester) requester!: Requester;
  @Field() graphVersion!: string;
  @Field(() => String, { nullable: true }) baseGraphVersion!: string | null;
  @Field(() => [ChangeRecord]) changes!: ChangeRecord[];
  @Field(() => [RecordedOutcome]) outcomes!: RecordedOutcome[];
  @Field(() => Int) affectedIdentityCount!: number;
  @Field(() => Int) lostCount!: number;
  @Field(() => Int) gainedCount!: number;
  @Field(() => [String], { description: 'Violations it would introduce, as ruleId|identityId' }) sodIntroduced!: string[];
  @Field(() => [String], { description: 'Violations it would resolve, as ruleId|identityId' }) sodResolved!: string[];
  @Field({ description: 'sha256 of the canonical result (docs/decision-log.md)' }) resultDigest!: string;
  @Field(() => [ID], { description: 'Identities the changes name or whose access they change' }) touchedIdentityIds!: string[];
  @Field(() => [RecordedDecision], { description: 'Oldest first' }) decisions!: RecordedDecision[];
  @Field(() => DecisionTaken, { nullable: true }) latestDecision!: string | null;
  @Field() hash!: string;
}

@ObjectType()
export class SimulationRecordConnection extends Connection('SimulationRecord', SimulationRecord) {}

@ObjectType({ description: 'Where the chain stops holding' })
export class DecisionLogBreak {
  @Field(() => Int, { nullable: true, description: 'The record the break is found at (null: the line is not a record)' }) seq!: number | null;
  @Field(() => Int, { description: '1-based line in the log file' }) line!: number;
  @Field() reason!: string;
}

@ObjectType({ description: 'The decision log checked from disk, record by record' })
export class DecisionLogIntegrity {
  @Field() intact!: boolean;
  @Field(() => Int, { description: 'Records that check out, from the first' }) records!: number;
  @Field(() => Int, { nullable: true }) headSeq!: number | null;
  @Field(() => String, { nullable: true, description: 'Keep a copy elsewhere: a log cut short at its end is only caught by comparing heads' })
  headHash!: string | null;
  @Field(() => DecisionLogBreak, { nullable: true }) brokenAt!: DecisionLogBreak | null;
}
