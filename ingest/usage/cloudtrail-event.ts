import { z } from 'zod';
import type { Where } from '../core/bundle-builder';
import { iamAction, isSignIn } from './aws-action';
import { failureOf, type AwsCall } from './aws-attribution';
import { resolvePrincipal, type AwsIdentity } from './aws-principal';
import { timeProblem, utcTime } from './event-time';
import { canonical, isObj, str } from './fields';

const text = z.string().optional().catch(undefined);
const required = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing (not a CloudTrail record?)' : 'must be a string') })
  .min(1, 'is empty');

/** Only the fields attribution reads; z.object ignores the rest without copying it (records carry large payloads). */
const CloudTrailRecord = z.object({
  eventName: required,
  eventSource: required,
  eventTime: z.unknown().optional(),
  p_event_time: z.unknown().optional(),
  eventType: text,
  errorCode: text,
  recipientAccountId: text,
  responseElements: z.unknown().optional(),
  userIdentity: z.unknown().optional(),
});

const TOP = ['eventName', 'eventSource', 'eventTime', 'eventType', 'errorCode', 'recipientAccountId', 'responseElements', 'userIdentity'];
const IDENTITY = ['type', 'arn', 'accountId', 'userName', 'sessionContext'];
const ISSUER = ['type', 'arn', 'accountId', 'userName'];

export type Mapped = { call: AwsCall; logAccount?: string } | { reject: { field: string | null; reason: string } };

/** One raw CloudTrail record -> an AWS call, or why it is not one. */
export function cloudTrailCall(raw: unknown, where: Where): Mapped {
  const event = canonical(raw, TOP);
  if (!event) return { reject: { field: null, reason: 'not a JSON object' } };
  const parsed = CloudTrailRecord.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reject: { field: issue.path.join('.') || null, reason: `${issue.path.join('.')} ${issue.message}` } };
  }
  const e = parsed.data;
  // p_event_time is Panther's copy of the event time, kept when the original field was dropped.
  const at = utcTime(e.eventTime ?? e.p_event_time);
  if (!at) return { reject: { field: 'eventTime', reason: timeProblem('eventTime', e.eventTime) } };
  const action = iamAction(e.eventSource, e.eventName);
  if (!action) return { reject: { field: 'eventSource', reason: `eventSource '${e.eventSource}' / eventName '${e.eventName}' name no AWS action` } };
  const signin = isSignIn(e.eventSource, e.eventType);
  const identity = identityOf(e.userIdentity);
  const call: AwsCall = {
    kind: signin ? 'signin' : 'api',
    at,
    action,
    principal: resolvePrincipal(identity),
    failure: signin && consoleLoginFailed(e.responseElements) ? 'sign-in failure' : failureOf(e.errorCode),
    where,
  };
  return { call, logAccount: e.recipientAccountId ?? identity?.accountId };
}

function identityOf(raw: unknown): AwsIdentity | undefined {
  const u = canonical(raw, IDENTITY);
  if (!u) return undefined;
  const issuer = canonical(canonical(u.sessionContext, ['sessionIssuer'])?.sessionIssuer, ISSUER);
  return {
    type: str(u.type),
    arn: str(u.arn),
    accountId: str(u.accountId),
    userName: str(u.userName),
    issuerArn: str(issuer?.arn),
    issuerName: str(issuer?.userName),
    issuerAccountId: str(issuer?.accountId),
  };
}

/** ConsoleLogin reports a wrong password in `responseElements`, not in `errorCode`. */
function consoleLoginFailed(response: unknown): boolean {
  return isObj(response) && response.ConsoleLogin === 'Failure';
}
