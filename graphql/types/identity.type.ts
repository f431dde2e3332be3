import { GraphQLJSONObject } from 'graphql-scalars';
import { Authorized, Field, ID, ObjectType } from 'type-graphql';
import { PERSONAL_DATA_READERS } from '../../src/auth/personal-data';
import { IdentityKind, IdentityStatus } from './enums';

@ObjectType({ description: 'A person, a non-human identity (service account, workload) or an AI agent' })
export class Identity {
  @Field(() => ID) id!: string;
  @Field(() => IdentityKind) kind!: string;
  @Authorized(PERSONAL_DATA_READERS) @Field() displayName!: string;
  @Authorized(PERSONAL_DATA_READERS) @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Authorized(PERSONAL_DATA_READERS) @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => IdentityStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'What a service or agent is for' }) purpose!: string | null;
  @Field(() => String, { nullable: true }) createdAt!: string | null;
  @Field(() => String, { nullable: true }) terminatedAt!: string | null;
  @Authorized(PERSONAL_DATA_READERS) @Field(() => GraphQLJSONObject, { description: 'Source attributes (string values)' }) attributes!: Record<string, string>;
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
