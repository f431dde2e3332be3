import { z } from 'zod';

const aggregate = z.enum(['exact', 'hour', 'day']).default('exact');

/** Options of the AWS log connectors (`cloudtrail`, `ocsf`). */
export const AwsUsageOptions = z.strictObject({
  /**
   * Output of `aws iam get-account-authorization-details` (a file or a folder of them), read by `get`.
   * With it, events are attributed to the policies that allow the action; without it, to action
   * entitlements `aws:<acct>:action/<svc:Action>`.
   */
  iamExport: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /**
   * With an IAM export: `narrowest` attributes a call to the most specific policies that allow it
   * (so a broad policy that narrower ones make redundant shows as unused); `every` to all of them.
   */
  attributeTo: z.enum(['narrowest', 'every']).default('narrowest'),
  /** Events of accounts that no IAM export covers go to action entitlements (false: not attributed). */
  actionFallback: z.boolean().default(true),
  /**
   * Entitlement a successful console sign-in is usage of, e.g. `aws:{accountId}:signin`
   * (`{accountId}` is the principal's AWS account). Without it sign-ins are only counted.
   */
  signInEntitlement: z.string().min(1).optional(),
  aggregate,
});
export type AwsUsageOptions = z.infer<typeof AwsUsageOptions>;

/** Options of the Okta System Log connector. */
export const OktaLogOptions = z.strictObject({
  /** Okta org name in ids: `okta:<org>:user/<actor.id>`, `okta:<org>:app/<target.id>` (the directory connector's ids). */
  oktaOrg: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits and . _ - only'),
  /** Event types that are a use of the AppInstance they target. */
  appEventTypes: z.array(z.string().min(1)).min(1).default(['user.authentication.sso', 'user.session.start']),
  /** Entitlement a successful `user.session.start` is usage of; without it sign-ins are only counted. */
  signInEntitlement: z.string().min(1).optional(),
  aggregate,
});
export type OktaLogOptions = z.infer<typeof OktaLogOptions>;
