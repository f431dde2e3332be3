import { z } from 'zod';

/**
 * Loose shapes for the SCIM attributes this connector reads (RFC 7643). Everything else a
 * provider sends (addresses, photos, custom extensions) passes through untouched: SCIM is
 * extensible, so an unknown attribute is not an error. JSON null counts as absent.
 */

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
} as const;

const str = z.string().nullish();
/** Some providers send numbers for string attributes (employeeNumber); they mean the digits. */
const strOrNum = z.union([z.string(), z.number()], { error: 'must be a string' }).nullish().transform((v) => (v === null || v === undefined ? undefined : String(v)));
/** Azure AD and others have sent "True"/"False" strings for booleans. */
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])], { error: 'must be true or false' })
  .nullish()
  .transform((v) => (typeof v === 'string' ? v.toLowerCase() === 'true' : (v ?? undefined)));

const Meta = z.looseObject({ resourceType: str, created: str, lastModified: str }).nullish();

export const Email = z.looseObject({ value: str, type: str, primary: bool });

/** One value of a multi-valued attribute such as `roles` or `entitlements`. */
export const MultiValue = z.looseObject({ value: strOrNum, display: str, type: str, primary: bool });

const Manager = z.union([z.string().transform((value) => ({ value })), z.looseObject({ value: strOrNum, displayName: str })]);

export const Enterprise = z.looseObject({
  employeeNumber: strOrNum,
  costCenter: strOrNum,
  organization: str,
  division: str,
  department: str,
  manager: Manager.nullish(),
});

export const ScimUser = z.looseObject({
  id: strOrNum,
  externalId: strOrNum,
  userName: str,
  displayName: str,
  name: z.looseObject({ formatted: str, givenName: str, familyName: str }).nullish(),
  emails: z.array(Email).nullish(),
  active: bool,
  title: str,
  userType: str,
  roles: z.array(z.unknown()).nullish(),
  entitlements: z.array(z.unknown()).nullish(),
  meta: Meta,
  [URN.enterprise]: Enterprise.nullish(),
});
export type ScimUser = z.infer<typeof ScimUser>;

export const Member = z.looseObject({ value: strOrNum, type: str, $ref: str, display: str });

export const ScimGroup = z.looseObject({
  id: strOrNum,
  displayName: str,
  members: z.array(z.unknown()).nullish(),
  meta: Meta,
});
export type ScimGroup = z.infer<typeof ScimGroup>;

/** The first issue as (field path, message), for a reject that points at the attribute: `members[2].value`. */
export function firstIssue(error: z.ZodError, prefix = ''): { field: string; reason: string } {
  const issue = error.issues[0];
  let field = prefix;
  for (const p of issue.path) field += typeof p === 'number' ? `[${p}]` : `${field ? '.' : ''}${String(p)}`;
  return { field: field || '(resource)', reason: issue.message };
}
