import type { Finding } from '../finding';
import { dayOf, findingId } from '../finding';
import { isHighCriticality, type RiskData } from '../risk-data';
import type { RiskThresholds } from '../thresholds';
import { nameOf, placed, systemName } from './place';

export function unownedAccounts(data: RiskData): Finding[] {
  return data.unownedAccounts.map((a): Finding => ({
    id: findingId('UNOWNED_ACCOUNT', a.accountId),
    code: 'UNOWNED_ACCOUNT',
    severity: isHighCriticality(data, a.systemId) ? 'high' : 'medium',
    ...placed(data, null),
    subjectType: 'account',
    subjectId: a.accountId,
    systemIds: [a.systemId],
    reason: `Account ${a.username ?? a.accountId} on ${systemName(data, a.systemId)} is enabled and no known identity owns it (last login: ${dayOf(a.lastLoginAt)}).`,
    evidence: [a.accountId, a.systemId],
  }));
}

export function terminatedWithEnabledAccounts(data: RiskData): Finding[] {
  return data.terminatedAccounts.map((a): Finding => {
    const usedAfter = a.terminatedAt !== null && a.lastLoginAt !== null && a.lastLoginAt > a.terminatedAt;
    return {
      id: findingId('TERMINATED_IDENTITY_ENABLED_ACCOUNT', a.accountId),
      code: 'TERMINATED_IDENTITY_ENABLED_ACCOUNT',
      severity: usedAfter ? 'critical' : 'high',
      ...placed(data, a.identityId),
      subjectType: 'account',
      subjectId: a.accountId,
      systemIds: [a.systemId],
      reason:
        `${nameOf(data, a.identityId)} was terminated${a.terminatedAt ? ` on ${dayOf(a.terminatedAt)}` : ''} but account ${a.accountId} on ` +
        `${systemName(data, a.systemId)} is still enabled` +
        (usedAfter ? `, and it was used after that (last login ${dayOf(a.lastLoginAt)}).` : '.'),
      evidence: [a.identityId, a.accountId, a.systemId],
    };
  });
}

export function dormantAccounts(data: RiskData, t: RiskThresholds): Finding[] {
  return data.dormantAccounts.map((a): Finding => ({
    id: findingId('DORMANT_ACCOUNT', a.accountId),
    code: 'DORMANT_ACCOUNT',
    severity: isHighCriticality(data, a.systemId) ? 'medium' : 'low',
    ...placed(data, a.identityId),
    subjectType: 'account',
    subjectId: a.accountId,
    systemIds: [a.systemId],
    reason: a.lastLoginAt
      ? `Account ${a.accountId} of ${nameOf(data, a.identityId)} on ${systemName(data, a.systemId)} is enabled but has not logged in for more than ${t.dormantAccountDays} days (last login ${dayOf(a.lastLoginAt)}).`
      : `Account ${a.accountId} of ${nameOf(data, a.identityId)} on ${systemName(data, a.systemId)} is enabled, was created on ${dayOf(a.createdAt)} and has never logged in.`,
    evidence: [a.identityId, a.accountId, a.systemId],
  }));
}
