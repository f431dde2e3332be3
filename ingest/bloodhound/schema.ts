import { z } from 'zod';

/**
 * The parts of SharpHound (v4-v6, BloodHound CE) JSON this connector uses. Schemas are loose on
 * purpose: SharpHound adds properties between versions, and only fields we map may fail a record.
 * SharpHound writes `null` for absent values, so every optional field is nullish.
 */

export const MAPPED_TYPES = ['users', 'computers', 'groups', 'domains'] as const;
export type MappedType = (typeof MAPPED_TYPES)[number];

/** Every file type SharpHound (CE) writes; the unmapped ones are only counted. */
export const SHARPHOUND_TYPES = [
  ...MAPPED_TYPES,
  'gpos',
  'ous',
  'containers',
  'certtemplates',
  'enterprisecas',
  'rootcas',
  'aiacas',
  'ntauthstores',
  'issuancepolicies',
  'sessions',
] as const;

export const Envelope = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    type: z.string().min(1),
    count: z.number().nullish(),
    version: z.number().nullish(),
  }),
});

const text = z.string().nullish();
const epoch = z.number().nullish();

const Common = {
  domain: text,
  domainsid: text,
  name: text,
  samaccountname: text,
  distinguishedname: text,
  description: text,
  whencreated: epoch,
  /** `false` marks a placeholder SharpHound emits for an object it only saw referenced. */
  reconcile: z.boolean().nullish(),
};

const Principal = {
  ...Common,
  enabled: z.boolean().nullish(),
  admincount: z.boolean().nullish(),
  lastlogon: epoch,
  lastlogontimestamp: epoch,
};

export const UserObject = z.object({
  ObjectIdentifier: z.string().trim().min(1),
  IsDeleted: z.boolean().nullish(),
  PrimaryGroupSID: text,
  Properties: z.object({
    ...Principal,
    email: text,
    title: text,
    department: text,
    displayname: text,
    gmsa: z.boolean().nullish(),
    msa: z.boolean().nullish(),
  }),
});

export const ComputerObject = z.object({
  ObjectIdentifier: z.string().trim().min(1),
  IsDeleted: z.boolean().nullish(),
  PrimaryGroupSID: text,
  Properties: z.object({ ...Principal, operatingsystem: text, isdc: z.boolean().nullish() }),
});

export const GroupMember = z.object({ ObjectIdentifier: z.string().trim().min(1), ObjectType: text });

export const GroupObject = z.object({
  ObjectIdentifier: z.string().trim().min(1),
  IsDeleted: z.boolean().nullish(),
  Properties: z.object(Common),
  Members: z.array(GroupMember).nullish(),
});

export const DomainObject = z.object({
  ObjectIdentifier: z.string().trim().min(1),
  Properties: z.object({ name: z.string().min(1), collected: z.boolean().nullish() }),
});

export type UserObject = z.infer<typeof UserObject>;
export type ComputerObject = z.infer<typeof ComputerObject>;
export type GroupObject = z.infer<typeof GroupObject>;
export type DomainObject = z.infer<typeof DomainObject>;

/** The first problem zod found, as a path into the file (`data[12].Properties.enabled`) and a reason. */
export function firstIssue(error: z.ZodError, index: number): { field: string; reason: string } {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const input = (issue as { input?: unknown }).input;
  return { field: `data[${index}]${path}`, reason: input === undefined ? issue.message : `${issue.message} (${shown(input)})` };
}

function shown(input: unknown): string {
  const json = JSON.stringify(input) ?? String(input);
  return json.length > 40 ? `${json.slice(0, 40)}...` : json;
}
