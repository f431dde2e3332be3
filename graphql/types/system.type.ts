import { Field, ID, ObjectType } from 'type-graphql';
import { Level } from './enums';

@ObjectType({ description: 'An application or platform that holds accounts (AWS account, SAP, Okta org)' })
export class System {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Level, { nullable: true }) criticality!: string | null;
  ownerId!: string | null;
}
