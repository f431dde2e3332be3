import { codeRank, severityRank, type FindingCode, type Severity } from './catalog';

export type IdentityKind = 'human' | 'service' | 'agent';
export type SubjectType = 'identity' | 'account' | 'entitlement' | 'credential' | 'delegation' | 'rule';

/**
 * One finding: what is wrong, how bad, why (in words), and the ids that prove it. `id` is the code
 * plus the subject, so the same problem keeps the same id across ingests and a BI tool can track it.
 */
export interface Finding {
  id: string;
  code: FindingCode;
  severity: Severity;
  /** The identity the finding counts against (null: an account nobody owns, or its credential). */
  identityId: string | null;
  identityKind: IdentityKind | null;
  /** The identity's department; for services and agents, their owner's. */
  department: string | null;
  subjectType: SubjectType;
  subjectId: string;
  systemIds: string[];
  reason: string;
  evidence: string[];
}

/** What every finding builder needs to place a finding: who the identity is and where it belongs. */
export interface IdentityFacts {
  id: string;
  kind: IdentityKind;
  displayName: string;
  status: 'active' | 'suspended' | 'terminated';
  department: string | null;
  ownerId: string | null;
  terminatedAt: string | null;
}

export function findingId(code: FindingCode, ...subject: string[]): string {
  return [code, ...subject].join(':');
}

/** Worst first, then the catalog order (privileged before plain), then by identity and subject: stable across pages. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    codeRank(a.code) - codeRank(b.code) ||
    cmp(a.identityId ?? '', b.identityId ?? '') ||
    cmp(a.id, b.id)
  );
}

/** Code-unit order: the same in every locale, and far cheaper than localeCompare over 100k findings. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dayOf(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'never';
}
