import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { StoredHop, StoredPath } from '../../src/access/path';
import { BlockerKind, EdgeDirection, EdgeType, HopKind } from './enums';

@ObjectType({ description: 'One step of a path: the node, and the edge that led to it from the previous hop' })
export class AccessHop {
  @Field(() => HopKind) kind!: string;
  @Field(() => ID) id!: string;
  @Field({ description: "The node's display name (its id when it is gone)" }) name!: string;
  @Field(() => EdgeType, { nullable: true, description: 'Null on the first hop' }) edge!: string | null;
  @Field(() => EdgeDirection, { nullable: true }) direction!: string | null;
  @Field(() => String, { nullable: true, description: 'When the edge into this hop expires' }) expiresAt!: string | null;
  hop!: StoredHop;
}

@ObjectType({ description: 'An ordered chain of hops from the identity to the entitlement' })
export class AccessPath {
  @Field(() => [AccessHop]) hops!: AccessHop[];
  @Field(() => String, { nullable: true, description: 'When the first edge on the path expires' }) expiresAt!: string | null;
  @Field() viaDelegation!: boolean;
}

@ObjectType({ description: 'An entitlement an identity holds, with the paths that justify it' })
export class AccessGrant {
  @Field({ description: 'True when every path runs through a delegation' }) viaDelegation!: boolean;
  @Field(() => String, { nullable: true, description: "Last use through the identity's own accounts" }) lastUsedAt!: string | null;
  @Field(() => Int) useCount!: number;
  identityId!: string;
  entitlementId!: string;
  storedPaths!: StoredPath[];
}

@ObjectType({ description: 'What keeps a path from conferring access now' })
export class AccessBlocker {
  @Field(() => BlockerKind) kind!: string;
  @Field(() => Int, { description: 'Index in the path of the hop it sits on' }) hopIndex!: number;
  @Field(() => String, { nullable: true }) expiredAt!: string | null;
  @Field(() => [String], { nullable: true, description: 'For OUT_OF_SCOPE: what the delegation does cover' }) scope!: string[] | null;
  @Field() reason!: string;
}

@ObjectType({ description: 'A path that would confer access but for its blockers' })
export class NearMiss {
  @Field(() => AccessPath) path!: AccessPath;
  @Field(() => [AccessBlocker]) blockers!: AccessBlocker[];
}

@ObjectType({ description: 'Why (or why not) an identity holds an entitlement' })
export class AccessExplanation {
  @Field() granted!: boolean;
  @Field(() => [AccessPath]) paths!: AccessPath[];
  @Field(() => [NearMiss], { description: 'When not granted: paths blocked by a disabled account, an expiry or a delegation scope' })
  nearMisses!: NearMiss[];
  @Field({ description: 'A plain-English sentence built from the evidence' }) summary!: string;
  @Field() viaDelegation!: boolean;
  /** For lazily resolved fields (the peer evidence, graphql/resolvers/peer.resolver.ts). */
  identityId!: string;
  entitlementId!: string;
}
