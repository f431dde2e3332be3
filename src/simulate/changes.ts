import { z } from 'zod';
import { WhohasError } from '../errors';

/** The what-if change operations, each with exactly the ids it needs. */
export const CHANGE_OPS = [
  'ADD_MEMBERSHIP',
  'REMOVE_MEMBERSHIP',
  'ADD_GRANT',
  'REMOVE_GRANT',
  'DISABLE_ACCOUNT',
  'ENABLE_ACCOUNT',
  'ADD_DELEGATION',
  'REVOKE_DELEGATION',
  'TERMINATE_IDENTITY',
] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export const MAX_CHANGES = 1000;

const Id = z.string().trim().min(1, 'must not be empty').max(512, 'is longer than 512 characters');
const Time = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time with a zone' }).transform((t) => new Date(t).toISOString());
const MemberType = z.enum(['account', 'group']);

const ChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('ADD_MEMBERSHIP'), memberId: Id, groupId: Id, memberType: MemberType.optional(), expiresAt: Time.optional() }),
  z.strictObject({ op: z.literal('REMOVE_MEMBERSHIP'), memberId: Id, groupId: Id, memberType: MemberType.optional() }),
  z.strictObject({ op: z.literal('ADD_GRANT'), holderId: Id, entitlementId: Id, holderType: MemberType.optional(), expiresAt: Time.optional() }),
  z.strictObject({ op: z.literal('REMOVE_GRANT'), holderId: Id, entitlementId: Id, holderType: MemberType.optional() }),
  z.strictObject({ op: z.literal('DISABLE_ACCOUNT'), accountId: Id }),
  z.strictObject({ op: z.literal('ENABLE_ACCOUNT'), accountId: Id }),
  z.strictObject({ op: z.literal('ADD_DELEGATION'), fromId: Id, toId: Id, scope: z.array(Id).min(1, 'must name at least one entitlement, or "*"').max(1000), expiresAt: Time.optional() }),
  z.strictObject({ op: z.literal('REVOKE_DELEGATION'), fromId: Id, toId: Id, scope: z.array(Id).max(1000).optional() }),
  z.strictObject({ op: z.literal('TERMINATE_IDENTITY'), identityId: Id }),
]);
export type Change = z.infer<typeof ChangeSchema>;

export type ChangeStatus = 'APPLIED' | 'NO_OP' | 'UNKNOWN_ID' | 'INVALID';

export interface ChangeOutcome {
  index: number;
  op: ChangeOp;
  status: ChangeStatus;
  /** What the change did, or why it did nothing, in plain words. */
  message: string;
}

/**
 * Parses the caller's changes (a flat GraphQL input: unset fields arrive as null). A change that
 * is malformed (a field missing, or one that does not belong to its operation) fails the whole call
 * with the change's index and field; ids that do not exist are not malformed and are reported per
 * change in the result instead.
 */
export function parseChanges(raw: Array<Record<string, unknown>>): Change[] {
  if (!raw.length) throw new WhohasError('BAD_USER_INPUT', "Argument 'changes' must hold at least one change");
  if (raw.length > MAX_CHANGES) throw new WhohasError('BAD_USER_INPUT', `Argument 'changes' holds ${raw.length} changes; at most ${MAX_CHANGES} per call`);
  return raw.map((change, index) => {
    const present = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null && v !== undefined));
    const parsed = ChangeSchema.safeParse(present);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    const why = issue.code === 'unrecognized_keys' ? `does not apply to ${String(present.op)}` : issue.message;
    throw new WhohasError('BAD_USER_INPUT', `changes[${index}]${field ? `.${field}` : ''}: ${why}`, { index });
  });
}
