import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { IdentityKind, IdentityStatus } from './enums';

@ObjectType({ description: 'A person, a non-human identity (service account, workload) or an AI agent' })
export class Identity {
  @Field(() => ID) id!: string;
  @Field(() => IdentityKind) kind!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => IdentityStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'What a service or agent is for' }) purpose!: string | null;
  @Field(() => String, { nullable: true }) createdAt!: string | null;
  @Field(() => String, { nullable: true }) terminatedAt!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Source attributes (string values)' }) attributes!: Record<string, string>;
  managerId!: string | null;
  ownerId!: string | null;
}

@ObjectType({ description: 'An active or expired delegation: `to` acts on behalf of `from`, within `scope`' })
export class Delegation {
  @Field(() => [String], { description: 'Entitlement ids, or ["*"] for everything the delegator has' }) scope!: string[];
  @Field(() => String, { nullable: true }) grantedAt!: string | null;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  fromId!: string;
  toId!: string;
}
