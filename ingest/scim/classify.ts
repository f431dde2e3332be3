import type { Where } from '../core/bundle-builder';
import { URN } from './raw-schemas';

export type Kind = 'User' | 'Group';

/** What one JSON object is, as far as this connector cares. */
export type Classified =
  | { is: 'resource'; kind: Kind }
  | { is: 'list' }
  /** Recognisably SCIM but not identity state (a schema, an error, a PATCH): skipped with a note. */
  | { is: 'other'; what: string }
  | { is: 'unknown' };

/** Non-resource SCIM messages and discovery resources, by schema URN (lower-cased: URNs are case-insensitive). */
const OTHER_SCHEMAS: Record<string, string> = {
  'urn:ietf:params:scim:schemas:core:2.0:schema': 'schema definitions',
  'urn:ietf:params:scim:schemas:core:2.0:resourcetype': 'ResourceType descriptions',
  'urn:ietf:params:scim:schemas:core:2.0:serviceproviderconfig': 'ServiceProviderConfig documents',
  'urn:ietf:params:scim:api:messages:2.0:error': 'error responses',
  'urn:ietf:params:scim:api:messages:2.0:patchop': 'PATCH requests (changes, not a state)',
  'urn:ietf:params:scim:api:messages:2.0:bulkrequest': 'Bulk requests (changes, not a state)',
  'urn:ietf:params:scim:api:messages:2.0:bulkresponse': 'Bulk responses',
  'urn:ietf:params:scim:api:messages:2.0:searchrequest': 'search requests',
};

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Decides what an object is: by `schemas`, then `meta.resourceType`, then the endpoint it was
 * fetched from, then the one attribute each type must have (userName, members). A partial
 * response (`attributes=id,displayName`) can leave none of these: that is 'unknown'.
 */
export function classify(value: Record<string, unknown>, endpoint: Kind | null): Classified {
  const schemas = Array.isArray(value.schemas) ? value.schemas.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()) : [];
  if (schemas.includes(URN.listResponse.toLowerCase())) return { is: 'list' };
  if (schemas.includes(URN.user.toLowerCase())) return { is: 'resource', kind: 'User' };
  if (schemas.includes(URN.group.toLowerCase())) return { is: 'resource', kind: 'Group' };
  for (const s of schemas) if (OTHER_SCHEMAS[s]) return { is: 'other', what: OTHER_SCHEMAS[s] };
  const resourceType = isObject(value.meta) && typeof value.meta.resourceType === 'string' ? value.meta.resourceType : null;
  if (resourceType === 'User' || resourceType === 'Group') return { is: 'resource', kind: resourceType };
  if (resourceType) return { is: 'other', what: `${resourceType} resources` };
  if (schemas.length) return { is: 'other', what: `resources of schema ${schemas[0]}` };
  if (!('schemas' in value) && Array.isArray(value.Resources)) return { is: 'list' };
  if (endpoint) return { is: 'resource', kind: endpoint };
  if (typeof value.userName === 'string') return { is: 'resource', kind: 'User' };
  if (Array.isArray(value.members)) return { is: 'resource', kind: 'Group' };
  return { is: 'unknown' };
}

/** A live page's name says which endpoint it came from: `GET /Users?startIndex=1&count=100`. */
export function endpointOf(payloadName: string): Kind | null {
  const m = /^GET \S*\/(Users|Groups)(\?|$)/.exec(payloadName);
  return m ? (m[1] === 'Users' ? 'User' : 'Group') : null;
}

/** A resource as found, before duplicates are resolved. */
export interface Found {
  kind: Kind;
  raw: Record<string, unknown>;
  at: Where;
  /** Input order, to break ties between copies of one resource. */
  seq: number;
}
