import type { FacetValue } from './facets';
import type { GroupingName } from './groups';

/**
 * One additive term of a score, tied to the group it comes from and its counts, so every score
 * reads as "these peers, these numbers, this much": score = sigmoid(base + sum of contributions).
 */
export type EvidenceKind =
  /** Past decisions on this entitlement, by everyone of the identity's kind. */
  | 'ENTITLEMENT_DECISIONS'
  /** The identity's own past decisions on other entitlements. */
  | 'REQUESTER_DECISIONS'
  /** Decisions on this entitlement among peers sharing a facet. */
  | 'PEER_DECISIONS'
  /** How many peers sharing a facet hold this entitlement. */
  | 'PEER_COVERAGE';

export interface Evidence {
  kind: EvidenceKind;
  /** The named grouping this evidence comes from, when it is one (PEER_COVERAGE scoring follows the back-off order). */
  grouping: GroupingName | null;
  /** What the peers share; empty for organisation-wide evidence. */
  facets: FacetValue[];
  peers: number | null;
  holders: number | null;
  approved: number | null;
  denied: number | null;
  /** The term's value: smoothed log-odds relative to the wider population it is compared with. */
  value: number;
  weight: number;
  contribution: number;
  statement: string;
}
