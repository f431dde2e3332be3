import type { OutlierEntry } from '../peers/outliers';
import type { SodEvaluation } from '../sod/sod-service';
import { compareFindings, type Finding } from './finding';
import { dormantAccounts, terminatedWithEnabledAccounts, unownedAccounts } from './findings/account-findings';
import { credentialFindings } from './findings/credential-findings';
import { deepDelegationChains, delegationsBroaderThanDelegator, delegationsWithoutExpiry } from './findings/delegation-findings';
import { nhiOwnership } from './findings/nhi-owners';
import { peerOutlierFindings, sodFindings } from './findings/sod-and-peer-findings';
import { unusedEntitlements } from './findings/unused-entitlements';
import type { RiskData } from './risk-data';
import type { RiskThresholds } from './thresholds';

/** Every finding of every type, worst first. Pure: the same data, rules and peers give the same list. */
export function evaluateFindings(data: RiskData, t: RiskThresholds, sod: SodEvaluation | null, outliers: OutlierEntry[]): Finding[] {
  const all = [
    ...terminatedWithEnabledAccounts(data),
    ...unownedAccounts(data),
    ...dormantAccounts(data, t),
    ...unusedEntitlements(data, t),
    ...nhiOwnership(data),
    ...credentialFindings(data, t),
    ...delegationsWithoutExpiry(data),
    ...delegationsBroaderThanDelegator(data),
    ...deepDelegationChains(data, t),
    ...sodFindings(data, sod),
    ...peerOutlierFindings(data, outliers, t),
  ];
  return all.sort(compareFindings);
}
