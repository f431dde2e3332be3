import type { PeerModel } from '../peers/model';
import type { SodEvaluation } from '../sod/sod-service';
import { FindingList } from './finding-list';
import { RiskRanks } from './finding-runs';
import { dormantAccounts, terminatedWithEnabledAccounts, unownedAccounts } from './findings/account-findings';
import { credentialFindings } from './findings/credential-findings';
import { deepDelegationChains, delegationsBroaderThanDelegator, delegationsWithoutExpiry } from './findings/delegation-findings';
import { nhiOwnership } from './findings/nhi-owners';
import { peerOutlierFindings, sodFindings } from './findings/sod-and-peer-findings';
import { unusedEntitlements } from './findings/unused-entitlements';
import type { RiskData } from './risk-data';
import type { RiskThresholds } from './thresholds';

/**
 * Every finding of every type, worst first. Pure: the same data, rules and peers give the same list.
 * Async only to let other work run between slices of the per-pair kinds (event-loop-turns.ts).
 * The per-pair kinds (unused entitlements, peer outliers) are millions at L and stay as columns.
 */
export async function evaluateFindings(data: RiskData, t: RiskThresholds, sod: SodEvaluation | null, peers: PeerModel): Promise<FindingList> {
  const ranks = new RiskRanks(data);
  const built = [
    ...terminatedWithEnabledAccounts(data),
    ...unownedAccounts(data),
    ...dormantAccounts(data, t),
    ...nhiOwnership(data),
    ...credentialFindings(data, t),
    ...delegationsWithoutExpiry(data),
    ...delegationsBroaderThanDelegator(data),
    ...deepDelegationChains(data, t),
    ...sodFindings(data, sod),
  ];
  return new FindingList(built, [...(await unusedEntitlements(data, t, ranks)), ...(await peerOutlierFindings(data, peers, t, ranks))]);
}
