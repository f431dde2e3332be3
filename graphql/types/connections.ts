import { ObjectType } from 'type-graphql';
import { AccessGrant } from './access.type';
import { Connection } from './connection';
import { Identity } from './identity.type';

@ObjectType()
export class IdentityConnection extends Connection('Identity', Identity) {}

@ObjectType({ description: 'Access grants, from an identity (effectiveAccess) or to an entitlement (whoHas)' })
export class AccessConnection extends Connection('Access', AccessGrant) {}
