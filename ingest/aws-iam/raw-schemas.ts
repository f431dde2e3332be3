import { z } from 'zod';

/**
 * Loose shapes of the AWS CLI outputs this connector reads: only the fields it uses are checked,
 * anything else AWS adds later passes through untouched.
 */

const str = z.string();
/** `GetAccountAuthorizationDetails` returns documents URL-encoded; the CLI decodes them to objects. */
export const RawDocument = z.union([z.string(), z.record(z.string(), z.unknown())]);

const Tag = z.looseObject({ Key: str, Value: str });
const Attached = z.looseObject({ PolicyName: str.min(1), PolicyArn: str.min(1) });
const Inline = z.looseObject({ PolicyName: str.min(1), PolicyDocument: RawDocument });

export const RawUser = z.looseObject({
  UserName: str.min(1),
  Arn: str.optional(),
  CreateDate: str.optional(),
  GroupList: z.array(str.min(1)).optional(),
  AttachedManagedPolicies: z.array(Attached).optional(),
  UserPolicyList: z.array(Inline).optional(),
  Tags: z.array(Tag).optional(),
  PermissionsBoundary: z.unknown().optional(),
});

export const RawGroup = z.looseObject({
  GroupName: str.min(1),
  Arn: str.optional(),
  AttachedManagedPolicies: z.array(Attached).optional(),
  GroupPolicyList: z.array(Inline).optional(),
});

export const RawRole = z.looseObject({
  RoleName: str.min(1),
  Arn: str.optional(),
  CreateDate: str.optional(),
  Description: str.optional(),
  AssumeRolePolicyDocument: RawDocument.optional(),
  AttachedManagedPolicies: z.array(Attached).optional(),
  RolePolicyList: z.array(Inline).optional(),
  Tags: z.array(Tag).optional(),
  RoleLastUsed: z.looseObject({ LastUsedDate: str.optional() }).optional(),
  PermissionsBoundary: z.unknown().optional(),
});

export const RawPolicy = z.looseObject({
  PolicyName: str.min(1),
  Arn: str.min(1),
  DefaultVersionId: str.optional(),
  PolicyVersionList: z
    .array(z.looseObject({ Document: RawDocument.optional(), VersionId: str.optional(), IsDefaultVersion: z.boolean().optional() }))
    .optional(),
});

export const RawServiceAccess = z.looseObject({
  ServiceNamespace: str.min(1),
  LastAuthenticated: str.optional(),
  LastAuthenticatedEntity: str.optional(),
  TrackedActionsLastAccessed: z
    .array(z.looseObject({ ActionName: str.min(1), LastAccessedTime: str.optional(), LastAccessedEntity: str.optional() }))
    .optional(),
});

export type RawUser = z.infer<typeof RawUser>;
export type RawGroup = z.infer<typeof RawGroup>;
export type RawRole = z.infer<typeof RawRole>;
export type RawPolicy = z.infer<typeof RawPolicy>;
export type RawServiceAccess = z.infer<typeof RawServiceAccess>;
export type RawInline = z.infer<typeof Inline>;
export type RawAttached = z.infer<typeof Attached>;
