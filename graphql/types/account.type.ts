import { Authorized, Field, ID, ObjectType } from 'type-graphql';
import { PERSONAL_DATA_READERS } from '../../src/auth/personal-data';
import { AccountStatus } from './enums';

@ObjectType({ description: 'An account on a system, owned by at most one identity' })
export class Account {
  @Field(() => ID) id!: string;
  @Authorized(PERSONAL_DATA_READERS) @Field(() => String, { nullable: true }) username!: string | null;
  @Field(() => AccountStatus) status!: string;
  @Field(() => String, { nullable: true }) createdAt!: string | null;
  @Field(() => String, { nullable: true }) lastLoginAt!: string | null;
  @Authorized(PERSONAL_DATA_READERS)
  @Field(() => String, { nullable: true, description: 'The email the source named the owner by, when it did' })
  identityEmail!: string | null;
  systemId!: string;
  identityId!: string | null;
}
