import { Field, ID, ObjectType } from 'type-graphql';
import { GroupKind } from './enums';

@ObjectType({ description: 'A group, role or permission set on a system; groups nest' })
export class Group {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GroupKind, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  systemId!: string;
}
