import { Field, ObjectType } from 'type-graphql';
import { Entitlement } from './entitlement.type';
import { Group } from './group.type';
import { Identity } from './identity.type';

@ObjectType({ description: 'What the search text matched, per kind: exact id or email first, then names starting with it, then the rest' })
export class SearchResult {
  @Field(() => [Identity]) identities!: Identity[];
  @Field(() => [Group]) groups!: Group[];
  @Field(() => [Entitlement]) entitlements!: Entitlement[];
}
