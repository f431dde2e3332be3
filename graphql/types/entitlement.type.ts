import { Field, ID, ObjectType } from 'type-graphql';
import { EntitlementKind, Level } from './enums';

@ObjectType({ description: 'An assignable right: permission, scope, role, license, or an agent tool' })
export class Entitlement {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => EntitlementKind, { nullable: true }) kind!: string | null;
  @Field() privileged!: boolean;
  @Field(() => Level, { nullable: true }) sensitivity!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  systemId!: string;
}
