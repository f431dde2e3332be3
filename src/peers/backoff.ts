import type { FacetValue } from './facets';
import type { GroupingName, GroupRequest, PeerGroupView, PeerIndex } from './groups';
import type { PeerIdentity } from './snapshot';

/**
 * Back-off order, most specific first. People: same role (department and title), same manager,
 * same department, everyone. Agents and services: same tool set, similar purpose, same owning team,
 * every agent (or service). An explicit grouping is tried first and backs off along the rest of its
 * kind's order; a configured attribute set backs off by dropping its last attribute, then to everyone.
 */
export const HUMAN_BACK_OFF: readonly GroupingName[] = ['DEPARTMENT_TITLE', 'MANAGER', 'DEPARTMENT', 'ORGANIZATION'];
export const NON_HUMAN_BACK_OFF: readonly GroupingName[] = ['TOOLSET', 'PURPOSE', 'OWNER_TEAM', 'ORGANIZATION'];

export const DEFAULT_MIN_PEERS = 5;

export type RequestedGrouping = GroupingName | 'AUTO';

export function defaultOrder(identity: PeerIdentity): readonly GroupingName[] {
  return identity.kind === 'human' ? HUMAN_BACK_OFF : NON_HUMAN_BACK_OFF;
}

export function backOffChain(identity: PeerIdentity, by: RequestedGrouping, attributes: readonly string[] = []): GroupRequest[] {
  const order = defaultOrder(identity);
  if (by === 'ATTRIBUTES') {
    const steps: GroupRequest[] = [];
    for (let n = attributes.length; n >= 1; n--) steps.push({ grouping: 'ATTRIBUTES', facets: attributes.slice(0, n) });
    if (!steps.length) steps.push({ grouping: 'ATTRIBUTES', facets: [] });
    return [...steps, { grouping: 'ORGANIZATION' }];
  }
  if (by === 'AUTO') return order.map((grouping) => ({ grouping }));
  const at = order.indexOf(by);
  const rest = at >= 0 ? order.slice(at + 1) : order;
  return [{ grouping: by }, ...rest.map((grouping) => ({ grouping }))];
}

export interface BackOffStep {
  grouping: GroupingName;
  facets: FacetValue[];
  /** Null when the identity lacks what the grouping needs. */
  peerCount: number | null;
  outcome: 'CHOSEN' | 'TOO_SMALL' | 'UNAVAILABLE';
  reason: string;
}

export interface ChosenGroup {
  group: PeerGroupView;
  requested: RequestedGrouping;
  minPeers: number;
  /** Every grouping tried, in order, ending with the chosen one. */
  steps: BackOffStep[];
  backedOff: boolean;
  /** False only when even the widest group has fewer than minPeers peers. */
  sufficient: boolean;
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function choosePeerGroup(index: PeerIndex, identity: PeerIdentity, by: RequestedGrouping, minPeers: number, attributes: readonly string[] = []): ChosenGroup {
  const chain = backOffChain(identity, by, attributes);
  const steps: BackOffStep[] = [];
  let widest: PeerGroupView | null = null;
  for (const request of chain) {
    const r = index.resolve(identity, request);
    if (!r.ok) {
      steps.push({ grouping: request.grouping, facets: [], peerCount: null, outcome: 'UNAVAILABLE', reason: r.reason });
      continue;
    }
    widest = r.group;
    const n = r.group.peerCount;
    if (n >= minPeers) {
      steps.push({ grouping: r.group.grouping, facets: r.group.facets, peerCount: n, outcome: 'CHOSEN', reason: `${r.group.description}: ${plural(n, 'peer')}` });
      return finish(r.group, true);
    }
    steps.push({
      grouping: r.group.grouping,
      facets: r.group.facets,
      peerCount: n,
      outcome: 'TOO_SMALL',
      reason: `${r.group.description}: ${plural(n, 'peer')}, fewer than ${minPeers}`,
    });
  }
  // The last step is always ORGANIZATION, which every identity has: use it even when it is small.
  const last = steps[steps.length - 1];
  last.outcome = 'CHOSEN';
  last.reason += '; no wider group exists, so it is used as it is';
  return finish(widest!, false);

  function finish(group: PeerGroupView, sufficient: boolean): ChosenGroup {
    const backedOff = steps.length > 1;
    const reason = backedOff ? `${steps.slice(0, -1).map((s) => s.reason).join('; ')}; backed off to ${steps[steps.length - 1].reason}` : steps[0].reason;
    return { group, requested: by, minPeers, steps, backedOff, sufficient, reason };
  }
}
