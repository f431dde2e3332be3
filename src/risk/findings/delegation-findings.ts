import { dayOf, findingId, type Finding } from '../finding';
import type { RiskData } from '../risk-data';
import type { DelegationRowT } from '../risk-rows';
import type { RiskThresholds } from '../thresholds';
import { nameOf, placed } from './place';

const MAX_LISTED = 20;

function active(data: RiskData): DelegationRowT[] {
  return data.delegations.filter((d) => d.expiresAt === null || d.expiresAt > data.now);
}

/** Delegation findings belong to the delegate: it is the one acting with the access. */
function about(data: RiskData, d: DelegationRowT) {
  return { ...placed(data, d.toId), subjectType: 'delegation' as const, subjectId: `${d.fromId}->${d.toId}`, systemIds: [] };
}

export function delegationsWithoutExpiry(data: RiskData): Finding[] {
  return active(data)
    .filter((d) => d.expiresAt === null)
    .map((d): Finding => {
      const everything = d.scope.includes('*');
      return {
        id: findingId('DELEGATION_NO_EXPIRY', d.fromId, d.toId),
        code: 'DELEGATION_NO_EXPIRY',
        severity: everything ? 'high' : 'medium',
        ...about(data, d),
        reason:
          `${nameOf(data, d.toId)} acts on behalf of ${nameOf(data, d.fromId)} ` +
          `${everything ? 'with everything they hold' : `within ${d.scope.length} entitlement(s)`}, with no end date${d.grantedAt ? ` (granted ${dayOf(d.grantedAt)})` : ''}.`,
        evidence: [d.fromId, d.toId],
      };
    });
}

export function delegationsBroaderThanDelegator(data: RiskData): Finding[] {
  const out: Finding[] = [];
  for (const d of active(data)) {
    if (d.scope.includes('*')) continue; // "everything the delegator has" is never broader than it
    const held = new Set(data.access.get(d.fromId)?.entitlementIds);
    const missing = [...new Set(d.scope)].filter((e) => !held.has(e)).sort();
    if (!missing.length) continue;
    out.push({
      id: findingId('DELEGATION_BROADER_THAN_DELEGATOR', d.fromId, d.toId),
      code: 'DELEGATION_BROADER_THAN_DELEGATOR',
      severity: 'medium',
      ...about(data, d),
      systemIds: [...new Set(missing.flatMap((e) => data.entitlements.get(e)?.systemId ?? []))].sort(),
      reason:
        `${nameOf(data, d.fromId)} delegates to ${nameOf(data, d.toId)} ${missing.length} entitlement(s) they do not hold ` +
        `(${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}); they would pass on the moment they are granted.`,
      evidence: [d.fromId, d.toId, ...missing.slice(0, MAX_LISTED)],
    });
  }
  return out;
}

/**
 * Identities at the end of an active chain longer than `maxDelegationDepth` hops. The search walks
 * back from each identity over simple paths only (the demo has a cycle) and stops one hop past the
 * limit, so it costs at most (in-degree)^(limit+1) per identity; the chain found is the evidence.
 */
export function deepDelegationChains(data: RiskData, t: RiskThresholds): Finding[] {
  const incoming = new Map<string, string[]>();
  for (const d of active(data)) incoming.set(d.toId, [...(incoming.get(d.toId) ?? []), d.fromId]);
  for (const list of incoming.values()) list.sort();
  const want = t.maxDelegationDepth + 1;
  const chainTo = (id: string, path: string[]): string[] | null => {
    if (path.length - 1 >= want) return path;
    for (const from of incoming.get(id) ?? []) {
      if (path.includes(from)) continue;
      const found = chainTo(from, [from, ...path]);
      if (found) return found;
    }
    return null;
  };
  const out: Finding[] = [];
  for (const id of [...incoming.keys()].sort()) {
    const chain = chainTo(id, [id]);
    if (!chain) continue;
    out.push({
      id: findingId('DELEGATION_CHAIN_TOO_DEEP', id),
      code: 'DELEGATION_CHAIN_TOO_DEEP',
      severity: 'medium',
      ...placed(data, id),
      subjectType: 'identity',
      subjectId: id,
      systemIds: [],
      reason: `${nameOf(data, id)} acts at the end of a delegation chain of more than ${t.maxDelegationDepth} hops: ${chain.join(' -> ')}.`,
      evidence: chain,
    });
  }
  return out;
}
