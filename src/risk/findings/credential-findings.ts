import { dayOf, findingId, type Finding } from '../finding';
import type { RiskData } from '../risk-data';
import type { CredentialRowT } from '../risk-rows';
import { daysBefore, type RiskThresholds } from '../thresholds';
import { nameOf, placed } from './place';

interface Holder {
  identityId: string | null;
  label: string;
  evidence: string[];
}

/** Credentials of services and agents (held by the identity or one of its accounts), and of accounts nobody owns. */
function nonHumanHolder(data: RiskData, c: CredentialRowT): Holder | null {
  if (c.holderIdentityId) {
    return c.holderIdentityKind === 'human' ? null : { identityId: c.holderIdentityId, label: nameOf(data, c.holderIdentityId), evidence: [c.holderIdentityId] };
  }
  if (!c.holderAccountId) return null;
  if (!c.accountOwnerId) return { identityId: null, label: `unowned account ${c.holderAccountId}`, evidence: [c.holderAccountId] };
  if (c.accountOwnerKind === 'human') return null;
  return { identityId: c.accountOwnerId, label: `${nameOf(data, c.accountOwnerId)} (account ${c.holderAccountId})`, evidence: [c.accountOwnerId, c.holderAccountId] };
}

/** A credential that has already expired cannot be used, so it raises none of these. */
export function credentialFindings(data: RiskData, t: RiskThresholds): Finding[] {
  const staleBefore = daysBefore(data.now, t.credentialMaxAgeDays);
  const graceBefore = daysBefore(data.now, t.credentialRotationGraceDays);
  const out: Finding[] = [];
  for (const c of data.credentials) {
    if (c.expiresAt !== null && c.expiresAt <= data.now) continue;
    const holder = nonHumanHolder(data, c);
    if (!holder) continue;
    const base = {
      ...placed(data, holder.identityId),
      subjectType: 'credential' as const,
      subjectId: c.id,
      systemIds: c.systemId ? [c.systemId] : [],
      evidence: [c.id, ...holder.evidence],
    };
    const what = `The ${c.type.replace(/_/g, ' ')} ${c.id} of ${holder.label}`;
    const lastChange = c.lastRotatedAt ?? c.createdAt;
    if (lastChange !== null && lastChange < staleBefore) {
      const since = c.lastRotatedAt ? `last rotated on ${dayOf(c.lastRotatedAt)}` : `created on ${dayOf(c.createdAt)} and never rotated`;
      out.push({ ...base, id: findingId('CREDENTIAL_STALE', c.id), code: 'CREDENTIAL_STALE', severity: 'high', reason: `${what} is older than ${t.credentialMaxAgeDays} days: ${since}.` });
    }
    if (c.lastRotatedAt === null && c.createdAt !== null && c.createdAt < graceBefore) {
      out.push({
        ...base, id: findingId('CREDENTIAL_NEVER_ROTATED', c.id), code: 'CREDENTIAL_NEVER_ROTATED', severity: 'medium',
        reason: `${what} has never been rotated since it was created on ${dayOf(c.createdAt)}.`,
      });
    }
    if (c.expiresAt === null) {
      out.push({ ...base, id: findingId('CREDENTIAL_NO_EXPIRY', c.id), code: 'CREDENTIAL_NO_EXPIRY', severity: 'medium', reason: `${what} never expires.` });
    }
  }
  return out;
}
