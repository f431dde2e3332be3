import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RunMode, RunStatus } from './enums';
import { Connection } from './connection';

@ObjectType({ description: 'A rejected record: where it is and why' })
export class RejectedRecord {
  @Field() file!: string;
  @Field(() => Int) line!: number;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field() reason!: string;
}

@ObjectType({ description: 'One ingest run, successful or not' })
export class IngestRun {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() source!: string;
  @Field(() => RunMode) mode!: string;
  @Field(() => RunStatus) status!: string;
  @Field() startedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Records loaded per file, removed.* after a full run, accessGrants' })
  counts!: Record<string, unknown>;
  @Field(() => Int) rejectCount!: number;
  @Field(() => [String], { description: 'Files in the bundle that are not part of the format (reported, not loaded)' })
  unknownFiles!: string[];
  @Field(() => [String], { description: 'What to know that is not a reject: unowned accounts after correlation, skipped input' })
  notes!: string[];
  @Field(() => [RejectedRecord], { description: 'The first rejects; the full report is a file on the server' })
  rejectSample!: RejectedRecord[];
  @Field(() => String, { nullable: true }) graphVersion!: string | null;
  @Field(() => String, { nullable: true }) errorCode!: string | null;
  @Field(() => String, { nullable: true }) errorMessage!: string | null;
}

@ObjectType()
export class IngestRunConnection extends Connection('IngestRun', IngestRun) {}
