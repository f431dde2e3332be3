import { z } from 'zod';

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

export const AwsIamOptions = z.strictObject({
  /** The account the export is of; by default the 12-digit account most ARNs in the export name. */
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  /**
   * `create`: every IAM user gets a human identity of its own (same id as the account).
   * `correlate`: no identity; the user account carries hints (name if it is an email, tags) so it
   * attaches to an HR identity loaded by another source.
   */
  identities: z.enum(['create', 'correlate']).default('create'),
  /** Also emit one entitlement per IAM action (`aws:<acct>:action/iam:PassRole`) granted to each principal. */
  actionEntitlements: z.boolean().default(false),
  /**
   * Risk-classified action lists (policy_sentry audit files): a folder of `.txt` files or a list of
   * files, one `service:Action` a line. Read in `get`, so `transform` stays pure.
   */
  riskyActions: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Actions to treat as privilege escalation on top of the lists (escalation paths newer than the lists). */
  extraPrivilegedActions: z.array(z.string().regex(ACTION, "must be 'service:Action' without wildcards")).default([]),
});
export type AwsIamOptions = z.infer<typeof AwsIamOptions>;
