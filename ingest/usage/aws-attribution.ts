import type { Where } from '../core/bundle-builder';
import type { Principal } from './aws-principal';
import { coveringPolicies, type IamIndex } from './iam-export';
import type { AwsUsageOptions } from './options';
import type { UsageTally } from './usage-tally';

/** An AWS event reduced to what attribution needs; the same for raw CloudTrail and OCSF. */
export interface AwsCall {
  kind: 'api' | 'signin';
  at: string;
  principal: Principal;
  /** `svc:Action` */
  action: string;
  /** Why the call did not succeed (access denied, other error, sign-in failure); absent on success. */
  failure?: string;
  where: Where;
}

const DENIED = /accessdenied|unauthorized|forbidden/i;

/** Failed calls are split by whether authorisation refused them: only those say something about rights. */
export function failureOf(errorCode: string | undefined): string | undefined {
  if (!errorCode) return undefined;
  return DENIED.test(errorCode) ? 'access denied' : 'other error';
}

/**
 * Attribution: a successful call is usage of the entitlements that cover its action.
 * With an IAM export for the principal's account: the policies it holds that allow the action
 * (the narrowest, or all with `attributeTo: every`). Otherwise, when `actionFallback` allows: the
 * action entitlement `aws:<acct>:action/<svc:Action>`. Failures are never usage; sign-ins only
 * when configured.
 */
export function attributeAwsCall(call: AwsCall, options: AwsUsageOptions, iam: IamIndex, tally: UsageTally): void {
  if (call.failure) return tally.count('failed', call.failure);
  const p = call.principal;
  if ('unattributable' in p) return tally.count('notAttributable', p.unattributable);
  if (call.kind === 'signin') {
    if (!options.signInEntitlement) return tally.count('skipped', 'sign-in (no signInEntitlement configured)');
    tally.use(p.accountId, options.signInEntitlement.replaceAll('{accountId}', p.awsAccount), call.at, call.where);
    return tally.count('used', 'sign-in entitlement');
  }
  const principals = iam.get(p.awsAccount);
  if (principals) {
    const held = principals.get(p.accountId);
    if (!held) return tally.count('notAttributable', 'no matching account in the IAM export');
    const { denied, entitlements } = coveringPolicies(held, call.action, options.attributeTo);
    if (denied) return tally.count('notAttributable', 'explicit Deny in the IAM export');
    if (!entitlements.length) return tally.count('notAttributable', 'no covering policy in the IAM export');
    for (const e of entitlements) tally.use(p.accountId, e, call.at, call.where);
    return tally.count('used', 'policy match');
  }
  if (!options.actionFallback) return tally.count('notAttributable', 'no IAM export for the account');
  tally.use(p.accountId, `aws:${p.awsAccount}:action/${call.action}`, call.at, call.where);
  tally.count('used', 'action entitlement');
}
