/**
 * The finding catalog. Codes are a contract with dashboards and exports: never rename one, only add.
 * Each entry says what the finding means and the severity it has unless the evidence raises it.
 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CODES = [
  'TERMINATED_IDENTITY_ENABLED_ACCOUNT',
  'UNOWNED_ACCOUNT',
  'DORMANT_ACCOUNT',
  'UNUSED_PRIVILEGED_ENTITLEMENT',
  'UNUSED_ENTITLEMENT',
  'NHI_WITHOUT_OWNER',
  'NHI_OWNER_TERMINATED',
  'CREDENTIAL_STALE',
  'CREDENTIAL_NEVER_ROTATED',
  'CREDENTIAL_NO_EXPIRY',
  'DELEGATION_NO_EXPIRY',
  'DELEGATION_BROADER_THAN_DELEGATOR',
  'DELEGATION_CHAIN_TOO_DEEP',
  'SOD_VIOLATION',
  'PEER_OUTLIER',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface FindingType {
  code: FindingCode;
  title: string;
  /** The usual severity; `raisedTo` names when a finding of this type is rated higher. */
  severity: Severity;
  raisedTo?: string;
  description: string;
}

export const FINDING_TYPES: Record<FindingCode, FindingType> = {
  TERMINATED_IDENTITY_ENABLED_ACCOUNT: {
    code: 'TERMINATED_IDENTITY_ENABLED_ACCOUNT', title: 'Terminated identity with an enabled account', severity: 'high',
    raisedTo: 'critical when the account was used after the termination date',
    description: 'A terminated identity still owns an enabled account: one finding per account.',
  },
  UNOWNED_ACCOUNT: {
    code: 'UNOWNED_ACCOUNT', title: 'Unowned account', severity: 'medium', raisedTo: 'high on a system of high or critical criticality',
    description: 'An enabled account that no known identity owns. Disabled ones confer nothing and are not listed.',
  },
  DORMANT_ACCOUNT: {
    code: 'DORMANT_ACCOUNT', title: 'Dormant account', severity: 'low', raisedTo: 'medium on a system of high or critical criticality',
    description: 'An enabled account of an identity that is not terminated, with no login for dormantAccountDays (never logged in: created before then).',
  },
  UNUSED_PRIVILEGED_ENTITLEMENT: {
    code: 'UNUSED_PRIVILEGED_ENTITLEMENT', title: 'Unused privileged entitlement', severity: 'high',
    description: 'A privileged entitlement held (not only by delegation) with no recorded use for unusedEntitlementDays, on a system that reports usage.',
  },
  UNUSED_ENTITLEMENT: {
    code: 'UNUSED_ENTITLEMENT', title: 'Unused entitlement', severity: 'low',
    description: 'As UNUSED_PRIVILEGED_ENTITLEMENT, for entitlements that are not privileged.',
  },
  NHI_WITHOUT_OWNER: {
    code: 'NHI_WITHOUT_OWNER', title: 'Service or agent without an owner', severity: 'high',
    description: 'A service or agent identity that is not terminated and names no owner, or one that is not in the graph.',
  },
  NHI_OWNER_TERMINATED: {
    code: 'NHI_OWNER_TERMINATED', title: 'Service or agent whose owner is terminated', severity: 'high',
    description: 'A service or agent identity that is not terminated and whose accountable owner is.',
  },
  CREDENTIAL_STALE: {
    code: 'CREDENTIAL_STALE', title: 'Stale credential', severity: 'high',
    description: 'A credential of a service, agent or unowned account not rotated (or, never rotated, created) within credentialMaxAgeDays.',
  },
  CREDENTIAL_NEVER_ROTATED: {
    code: 'CREDENTIAL_NEVER_ROTATED', title: 'Credential never rotated', severity: 'medium',
    description: 'A credential of a service, agent or unowned account that was never rotated and is older than credentialRotationGraceDays.',
  },
  CREDENTIAL_NO_EXPIRY: {
    code: 'CREDENTIAL_NO_EXPIRY', title: 'Credential without expiry', severity: 'medium',
    description: 'A credential of a service, agent or unowned account with no expiry date.',
  },
  DELEGATION_NO_EXPIRY: {
    code: 'DELEGATION_NO_EXPIRY', title: 'Delegation without expiry', severity: 'medium', raisedTo: 'high when the scope is everything (["*"])',
    description: 'An active delegation with no expiry date; the finding belongs to the delegate.',
  },
  DELEGATION_BROADER_THAN_DELEGATOR: {
    code: 'DELEGATION_BROADER_THAN_DELEGATOR', title: "Delegation broader than the delegator's access", severity: 'medium',
    description: 'An active delegation whose scope names entitlements the delegator does not hold: they would flow the moment the delegator gets them.',
  },
  DELEGATION_CHAIN_TOO_DEEP: {
    code: 'DELEGATION_CHAIN_TOO_DEEP', title: 'Delegation chain too deep', severity: 'medium',
    description: 'An identity at the end of an active delegation chain longer than maxDelegationDepth hops.',
  },
  SOD_VIOLATION: {
    code: 'SOD_VIOLATION', title: 'Separation-of-duties violation', severity: 'high', raisedTo: "the rule's own severity",
    description: 'An open (unmitigated) violation of a loaded separation-of-duties rule (docs/sod.md).',
  },
  PEER_OUTLIER: {
    code: 'PEER_OUTLIER', title: 'Peer outlier', severity: 'medium', raisedTo: 'high when the entitlement is privileged',
    description: 'Access that the identity\'s peers rarely hold: outlier score at least peerOutlierMinScore (docs/peers.md).',
  },
};

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function codeRank(c: FindingCode): number {
  return FINDING_CODES.indexOf(c);
}
