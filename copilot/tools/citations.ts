import { cite, citeAccessPath, citeViolation, type Citation, type CitationKind } from '../answer';
import type { EntitlementRef, Hop, IdentityRef, Path, Violation } from './shapes';

const HOP_KIND: Record<Hop['kind'], CitationKind> = { IDENTITY: 'IDENTITY', ACCOUNT: 'ACCOUNT', GROUP: 'GROUP', ENTITLEMENT: 'ENTITLEMENT' };

export const identityCitation = (i: Pick<IdentityRef, 'id' | 'displayName'>): Citation => cite('IDENTITY', i.id, i.displayName);
export const entitlementCitation = (e: Pick<EntitlementRef, 'id' | 'name'>): Citation => cite('ENTITLEMENT', e.id, e.name);
export const hopCitations = (paths: readonly Path[]): Citation[] => paths.flatMap((p) => p.hops.map((h) => cite(HOP_KIND[h.kind], h.id, h.name)));

export function pathCitation(identity: Pick<IdentityRef, 'id' | 'displayName'>, entitlement: Pick<EntitlementRef, 'id' | 'name'>): Citation {
  return citeAccessPath(identity.id, entitlement.id, `${identity.displayName} → ${entitlement.name}`);
}

export function violationCitation(v: Violation): Citation {
  return citeViolation(v.identityId, v.rule.id, `${v.rule.name}: ${v.identity?.displayName ?? v.identityId}`);
}
