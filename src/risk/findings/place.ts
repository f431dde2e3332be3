import type { Finding } from '../finding';
import { departmentOf, type RiskData } from '../risk-data';

/** Where a finding belongs: its identity, that identity's kind and department (nothing, for no identity). */
export function placed(data: RiskData, identityId: string | null): Pick<Finding, 'identityId' | 'identityKind' | 'department'> {
  const identity = identityId ? data.identities.get(identityId) : undefined;
  return { identityId: identity?.id ?? null, identityKind: identity?.kind ?? null, department: departmentOf(data, identity?.id ?? null) };
}

export function nameOf(data: RiskData, identityId: string): string {
  const identity = data.identities.get(identityId);
  return identity ? `${identity.displayName} (${identity.id})` : identityId;
}

export function systemName(data: RiskData, systemId: string | null): string {
  return systemId ? (data.systems.get(systemId)?.name ?? systemId) : 'an unknown system';
}
