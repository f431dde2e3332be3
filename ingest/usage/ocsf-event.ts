import { z } from 'zod';
import type { Where } from '../core/bundle-builder';
import { iamAction } from './aws-action';
import { failureOf, type AwsCall } from './aws-attribution';
import { resolvePrincipal, type AwsIdentity } from './aws-principal';
import type { Mapped } from './cloudtrail-event';
import { epochMsTime, timeProblem, utcTime } from './event-time';
import { str } from './fields';

const AUTHENTICATION = 3002;

const text = z.string().optional().catch(undefined);
const Uid = z.object({ uid: text }).optional().catch(undefined);

/** The OCSF attributes attribution reads (API Activity 6003, Authentication 3002, and the IAM classes). */
const OcsfEvent = z.object({
  class_uid: z.number({ error: 'is missing or not a number (not an OCSF event?)' }),
  time: z.unknown().optional(),
  time_dt: z.unknown().optional(),
  status: text,
  status_id: z.number().optional().catch(undefined),
  cloud: z.object({ provider: text, account: Uid }).optional().catch(undefined),
  metadata: z.object({ product: z.object({ vendor_name: text, name: text }).optional().catch(undefined) }).optional().catch(undefined),
  actor: z
    .looseObject({
      user: z.object({ uid: text, name: text, type: text, account: Uid }).optional().catch(undefined),
      session: z.object({ issuer: text }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  api: z
    .looseObject({
      operation: text,
      service: z.object({ name: text }).optional().catch(undefined),
      response: z.object({ error: text }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  unmapped: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export type OcsfMapped = Mapped | { skip: string };

/**
 * One OCSF event -> an AWS call. Only events from AWS (cloud.provider) name AWS principals and
 * actions; others are counted, not mapped. Authentication events are sign-ins; any other class
 * that carries `api.operation` and `api.service.name` (API Activity, and CloudTrail calls filed
 * under Account Change etc.) is an API call.
 */
export function ocsfCall(raw: unknown, where: Where): OcsfMapped {
  const parsed = OcsfEvent.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    return { reject: { field: path || null, reason: path ? `${path} ${issue.message}` : 'not a JSON object' } };
  }
  const e = parsed.data;
  const provider = e.cloud?.provider;
  if (provider?.toUpperCase() !== 'AWS') {
    return { skip: `OCSF events not from AWS (${e.metadata?.product?.vendor_name ?? provider ?? 'unknown product'})` };
  }
  // `time` (epoch ms) is OCSF's required event time; time_dt is an optional rendering of it, and
  // upstream examples get it wrong (a UTC clock reading labelled -04:00). Some mappers write `time`
  // in seconds, which epochMsTime refuses, so time_dt is the fallback.
  const at = epochMsTime(e.time) ?? utcTime(e.time_dt);
  if (!at) return { reject: { field: 'time', reason: timeProblem('time', e.time ?? e.time_dt) } };
  const signin = e.class_uid === AUTHENTICATION;
  const operation = e.api?.operation;
  const service = e.api?.service?.name;
  if (!signin && (!operation || !service)) return { skip: `OCSF class ${e.class_uid} events without api.operation and api.service.name` };
  const action = operation && service ? iamAction(service, operation) : 'signin:Authentication';
  if (!action) return { reject: { field: 'api.service.name', reason: `api.service.name '${service}' / api.operation '${operation}' name no AWS action` } };
  const failed = e.status_id === 2 || e.status?.toLowerCase() === 'failure';
  const account = e.cloud?.account?.uid ?? e.actor?.user?.account?.uid;
  const call: AwsCall = {
    kind: signin ? 'signin' : 'api',
    at,
    action,
    principal: resolvePrincipal(identityOf(e.actor, account, e.unmapped)),
    failure: failed ? (signin ? 'sign-in failure' : (failureOf(e.api?.response?.error) ?? 'other error')) : undefined,
    where,
  };
  return { call, logAccount: account };
}

type Actor = z.infer<typeof OcsfEvent>['actor'];

function identityOf(actor: Actor, account: string | undefined, unmapped: Record<string, unknown> | undefined): AwsIdentity | undefined {
  const user = actor?.user;
  if (!user) return undefined;
  const arn = user.uid?.startsWith('arn:') ? user.uid : undefined;
  return {
    type: user.type,
    arn,
    accountId: user.account?.uid ?? account,
    // OCSF fills user.name for IAM users; for role sessions the issuer carries the role.
    userName: user.type === 'IAMUser' ? user.name : undefined,
    issuerArn: actor?.session?.issuer,
    issuerName: str(unmapped?.['userIdentity.sessionContext.sessionIssuer.userName']),
    issuerAccountId: str(unmapped?.['userIdentity.sessionContext.sessionIssuer.accountId']),
  };
}
