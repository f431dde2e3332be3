/** The shapes of the copilot operations' results (the GraphQL schema guarantees them; these name them). */
export interface Named { id: string; name?: string; displayName?: string }
export interface Hop { kind: 'IDENTITY' | 'ACCOUNT' | 'GROUP' | 'ENTITLEMENT'; id: string; name: string; edge: string | null; direction?: string | null }
export interface Path { hops: Hop[]; viaDelegation?: boolean; expiresAt?: string | null }
export interface IdentityRef { id: string; displayName: string; kind: string; status?: string; department?: string | null; title?: string | null }
export interface EntitlementRef { id: string; name: string; privileged?: boolean; sensitivity?: string | null; system?: { id: string; name: string } | null }
export interface Grant { viaDelegation: boolean; lastUsedAt: string | null; useCount?: number; entitlement: EntitlementRef; paths: Path[] }
export interface Holder { viaDelegation: boolean; lastUsedAt: string | null; identity: IdentityRef; paths: Path[] }
export interface Connection<T> { totalCount: number; edges: Array<{ node: T }> }

export interface Profile extends IdentityRef {
  email: string | null; purpose: string | null;
  manager: { id: string; displayName: string } | null;
  owner: IdentityRef | null;
  accounts: Array<{ id: string; username: string | null; status: string; lastLoginAt: string | null; system: { id: string; name: string } | null }>;
  risk: { score: number; band: string; factors: Array<{ code: string; weight: number; count: number }>; findings: FindingNode[] };
}
export interface FindingNode { id: string; code: string; severity: string; identityId?: string | null; subjectType?: string; subjectId?: string; systemIds?: string[]; reason: string; evidence: string[]; identity?: IdentityRef | null }
export interface Explanation {
  granted: boolean; viaDelegation: boolean; summary: string; paths: Path[];
  nearMisses: Array<{ path: Path; blockers: Array<{ kind: string; hopIndex: number; expiredAt: string | null }> }>;
  peers: { peerCount: number; peersHolding: number; coverage: number; outlier: boolean } | null;
}
export interface DelegationIn { scope: string[]; grantedAt: string | null; expiresAt: string | null; purpose: string | null; from: IdentityRef | null }
export interface DelegationOut { scope: string[]; grantedAt: string | null; expiresAt: string | null; to: IdentityRef | null }
export interface ChainNode extends IdentityRef {
  purpose: string | null; owner: IdentityRef | null;
  delegationsIn: DelegationIn[]; delegationsOut: DelegationOut[];
  effectiveAccess: Connection<{ viaDelegation: boolean; entitlement: EntitlementRef; paths: Path[] }>;
}
export interface PeerBaseline {
  identityId: string; heldCount: number; outlierCount: number; commonButMissingCount: number;
  group: { grouping: string; description: string; peerCount: number; sufficient: boolean; peers: Array<{ id: string; displayName: string }> };
  entitlements: Array<{ entitlementId: string; coverage: number; peersHolding: number; held: boolean; outlier: boolean; commonButMissing: boolean; lastUsedAt: string | null; entitlement: EntitlementRef | null }>;
}
export interface Violation {
  identityId: string; kind: string; mitigated: boolean;
  rule: { id: string; name: string; severity: string };
  identity: IdentityRef | null;
  left: Array<{ entitlementId: string; holderId: string; viaControl: boolean }>;
  right: Array<{ entitlementId: string; holderId: string; viaControl: boolean }>;
}
export interface SodRules {
  sodRules: { version: string; rules: Array<{ id: string; name: string; severity: string; description: string | null }> } | null;
  sodSummary: { open: number; byDepartment: Array<{ key: string; open: number }>; byRule: Array<{ key: string; open: number }> };
}
export interface SimulationOut {
  id: string; affectedIdentityCount: number; lostCount: number; gainedCount: number; complete: boolean; summary: string;
  changes: Array<{ index: number; op: string; status: string; message: string }>;
  sodIntroduced: Array<{ identityId: string; rule: { id: string; name: string } }>;
  sodResolved: Array<{ identityId: string; rule: { id: string; name: string } }>;
  deltas: Connection<{ identityId: string; identity: { id: string; displayName: string } | null; lost: Array<{ entitlement: { id: string; name: string } | null }>; gained: Array<{ entitlement: { id: string; name: string } | null }> }>;
}
export interface Ranked { identityId: string; score: number; band: string; department: string | null; factors: Array<{ code: string; weight: number; count: number }>; identity: IdentityRef | null }
