import { describeFacets, facetLabel, facetValue, normaliseFacet, toolsetFacet, type FacetValue } from './facets';
import { KeyedGroups, type PairCounts } from './keyed-groups';
import { PURPOSE_SIMILARITY, purposeSimilarity, purposeWords } from './purpose';
import type { PeerIdentity, PeerSnapshot } from './snapshot';

export const GROUPINGS = ['DEPARTMENT_TITLE', 'MANAGER', 'DEPARTMENT', 'ATTRIBUTES', 'TOOLSET', 'PURPOSE', 'OWNER_TEAM', 'ORGANIZATION'] as const;
export type GroupingName = (typeof GROUPINGS)[number];

/** One grouping to try for one identity; `facets` only for ATTRIBUTES (a configured attribute set). */
export interface GroupRequest {
  grouping: GroupingName;
  facets?: readonly string[];
}

/** The peers of one identity under one grouping: who they are, and what they hold and were granted. */
export interface PeerGroupView {
  grouping: GroupingName;
  /** The values that define the group (empty for ORGANIZATION, the identity's own purpose for PURPOSE). */
  facets: FacetValue[];
  description: string;
  peerCount: number;
  /** Active identities of the same kind, never the identity itself. */
  peers(): readonly string[];
  counts(entitlementId: string): PairCounts;
  /** Every entitlement a peer holds or has a decision on. */
  entitlementCounts(): Map<string, PairCounts>;
}

export type GroupResolution = { ok: true; group: PeerGroupView } | { ok: false; grouping: GroupingName; reason: string };

/** How a grouping finds an identity's peers: by shared facet values, or by purpose similarity. */
export type GroupBasis = { by: 'facets'; facets: string[] } | { by: 'purpose' } | { by: 'none'; reason: string };

export const KIND_PLURAL: Record<PeerIdentity['kind'], string> = { human: 'people', service: 'services', agent: 'agents' };
const NONE: PairCounts = Object.freeze({ holders: 0, approved: 0, denied: 0 });

/** Lazily built groups over one snapshot; each facet list is indexed once and reused by every question. */
export class PeerIndex {
  private readonly keyedCache = new Map<string, KeyedGroups>();
  private readonly words = new Map<string, Set<string>>();
  private readonly purposeGroups = new Map<string, GroupResolution>();

  constructor(readonly snapshot: PeerSnapshot) {}

  keyed(facets: readonly string[]): KeyedGroups {
    const id = facets.join('|');
    let groups = this.keyedCache.get(id);
    if (!groups) {
      // User-chosen attribute sets could grow this without bound; a few dozen recent ones is plenty.
      if (this.keyedCache.size > 64) this.keyedCache.delete(this.keyedCache.keys().next().value!);
      this.keyedCache.set(id, (groups = new KeyedGroups(this.snapshot, facets)));
    }
    return groups;
  }

  basis(identity: PeerIdentity, request: GroupRequest): GroupBasis {
    switch (request.grouping) {
      case 'DEPARTMENT_TITLE':
        return this.needs(identity, ['department', 'title']);
      case 'MANAGER':
        return this.needs(identity, ['manager']);
      case 'DEPARTMENT':
        return this.needs(identity, ['department']);
      case 'OWNER_TEAM':
        if (!identity.ownerId) return { by: 'none', reason: `${identity.displayName} has no owner` };
        if (facetValue(this.snapshot, identity, 'ownerTeam') === null) return { by: 'none', reason: `the owner of ${identity.displayName} has no department` };
        return { by: 'facets', facets: ['ownerTeam'] };
      case 'TOOLSET': {
        const facet = toolsetFacet(identity);
        return facet ? { by: 'facets', facets: [facet] } : { by: 'none', reason: `${identity.displayName} has no tool set attribute (toolset)` };
      }
      case 'ATTRIBUTES': {
        const facets = [...new Set((request.facets ?? []).map(normaliseFacet))];
        return facets.length ? this.needs(identity, facets) : { by: 'none', reason: 'no attributes were named' };
      }
      case 'PURPOSE':
        return this.wordsOf(identity).size ? { by: 'purpose' } : { by: 'none', reason: `${identity.displayName} has no purpose` };
      case 'ORGANIZATION':
        return { by: 'facets', facets: [] };
    }
  }

  private needs(identity: PeerIdentity, facets: string[]): GroupBasis {
    const missing = facets.filter((f) => facetValue(this.snapshot, identity, f) === null);
    return missing.length ? { by: 'none', reason: `${identity.displayName} has no ${missing.map(facetLabel).join(' or ')}` } : { by: 'facets', facets };
  }

  resolve(identity: PeerIdentity, request: GroupRequest): GroupResolution {
    const basis = this.basis(identity, request);
    if (basis.by === 'none') return { ok: false, grouping: request.grouping, reason: basis.reason };
    if (basis.by === 'purpose') return this.byPurpose(identity);
    return { ok: true, group: this.byFacets(identity, request.grouping, basis.facets) };
  }

  private byFacets(identity: PeerIdentity, grouping: GroupingName, facets: readonly string[]): PeerGroupView {
    const groups = this.keyed(facets);
    const values = groups.valuesOf(identity)!;
    const key = groups.keyOf(identity)!;
    return {
      grouping,
      facets: values,
      description: this.describe(identity, grouping, values),
      peerCount: groups.peerCount(identity, key),
      peers: () => groups.membersOf(key).filter((id) => id !== identity.id),
      counts: (e) => groups.excludingSelf(identity, key, e),
      entitlementCounts: () => {
        const out = new Map<string, PairCounts>();
        for (const e of groups.countsOf(key).keys()) {
          const c = groups.excludingSelf(identity, key, e);
          if (c.holders || c.approved || c.denied) out.set(e, c);
        }
        return out;
      },
    };
  }

  private wordsOf(identity: PeerIdentity): Set<string> {
    let w = this.words.get(identity.id);
    if (!w) this.words.set(identity.id, (w = purposeWords(identity.purpose)));
    return w;
  }

  /** Purpose peers are found by similarity, not by key, so each identity's group is built once and kept. */
  private byPurpose(identity: PeerIdentity): GroupResolution {
    const cached = this.purposeGroups.get(identity.id);
    if (cached) return cached;
    const mine = this.wordsOf(identity);
    const peers: string[] = [];
    for (const other of this.snapshot.identities.values()) {
      if (other.id === identity.id || other.kind !== identity.kind || !this.snapshot.isPeerCandidate(other)) continue;
      if (purposeSimilarity(mine, this.wordsOf(other)) >= PURPOSE_SIMILARITY) peers.push(other.id);
    }
    const counts = new Map<string, PairCounts>();
    const bump = (e: string) => {
      let c = counts.get(e);
      if (!c) counts.set(e, (c = { holders: 0, approved: 0, denied: 0 }));
      return c;
    };
    for (const p of peers) {
      for (const e of this.snapshot.holdings(p).keys()) bump(e).holders++;
      for (const [e, d] of this.snapshot.decisions(p)) bump(e)[d.outcome]++;
    }
    const resolution: GroupResolution = {
      ok: true,
      group: {
        grouping: 'PURPOSE',
        facets: [{ facet: 'purpose', value: identity.purpose! }],
        description: `${KIND_PLURAL[identity.kind]} with a purpose similar to "${identity.purpose}"`,
        peerCount: peers.length,
        peers: () => peers,
        counts: (e) => counts.get(e) ?? NONE,
        entitlementCounts: () => new Map(counts),
      },
    };
    this.purposeGroups.set(identity.id, resolution);
    return resolution;
  }

  describe(identity: PeerIdentity, grouping: GroupingName | null, values: readonly FacetValue[]): string {
    const who = KIND_PLURAL[identity.kind];
    if (!values.length) return `active ${who}`;
    if (grouping === 'OWNER_TEAM') return `${who} owned by the same team (${values[0].value})`;
    if (grouping === 'TOOLSET') return `${who} with the same tool set (${values[0].value})`;
    return `${who} with ${describeFacets(this.snapshot, values)}`;
  }
}
