import type { PeerIdentity, PeerSnapshot } from './snapshot';

/**
 * A facet is one fact that can make two identities peers: their department, title, manager, the
 * team that owns them (agents and services), or any attribute. Groups are keyed by facet values
 * and by kind: a human is never an agent's peer.
 */
export interface FacetValue {
  facet: string;
  value: string;
}

export const BUILT_IN_FACETS = ['department', 'title', 'manager', 'ownerTeam'] as const;
const ATTRIBUTE_PREFIX = 'attributes.';

/** Attribute keys that name an agent's or service's tool set, in the order they are looked for. */
export const TOOLSET_KEYS = ['toolset', 'toolSet', 'tools', 'tool_set'] as const;

/** The team of a human: department, and the `team` attribute when there is one. */
export function teamOf(person: PeerIdentity | undefined): string | null {
  if (!person?.department) return null;
  const team = person.attributes.team;
  return team ? `${person.department} / ${team}` : person.department;
}

export function facetValue(snapshot: PeerSnapshot, identity: PeerIdentity, facet: string): string | null {
  switch (facet) {
    case 'department':
      return identity.department || null;
    case 'title':
      return identity.title || null;
    case 'manager':
      return identity.managerId || null;
    case 'ownerTeam':
      return identity.ownerId ? teamOf(snapshot.identity(identity.ownerId)) : null;
    default:
      return facet.startsWith(ATTRIBUTE_PREFIX) ? identity.attributes[facet.slice(ATTRIBUTE_PREFIX.length)] || null : null;
  }
}

/** `department`, `title`, `manager`, `ownerTeam`, `attributes.KEY`, or a bare attribute KEY. */
export function normaliseFacet(name: string): string {
  const trimmed = name.trim();
  return (BUILT_IN_FACETS as readonly string[]).includes(trimmed) || trimmed.startsWith(ATTRIBUTE_PREFIX) ? trimmed : ATTRIBUTE_PREFIX + trimmed;
}

export function attributeFacet(key: string): string {
  return ATTRIBUTE_PREFIX + key;
}

/** The attribute facet holding an identity's tool set, if it has one. */
export function toolsetFacet(identity: PeerIdentity): string | null {
  const key = TOOLSET_KEYS.find((k) => identity.attributes[k]);
  return key ? attributeFacet(key) : null;
}

/** How a facet reads in a sentence: `department`, `manager`, or the attribute's own key. */
export function facetLabel(facet: string): string {
  if (facet === 'ownerTeam') return 'owner team';
  return facet.startsWith(ATTRIBUTE_PREFIX) ? facet.slice(ATTRIBUTE_PREFIX.length) : facet;
}

/** How a facet's value reads: a manager by name, not by id. */
export function valueLabel(snapshot: PeerSnapshot, fv: FacetValue): string {
  if (fv.facet === 'manager') return snapshot.identity(fv.value)?.displayName ?? fv.value;
  return fv.value;
}

/** `department=Finance, title=AP Clerk`, for evidence sentences. */
export function describeFacets(snapshot: PeerSnapshot, values: readonly FacetValue[]): string {
  return values.map((v) => `${facetLabel(v.facet)}=${valueLabel(snapshot, v)}`).join(', ');
}

/**
 * Facets worth scoring on for one kind: built-ins and attributes that group at least two identities
 * on average (an employee number groups no one), dropping any that splits identities exactly like
 * an earlier one (a cost centre per department adds nothing to the department).
 */
export function informativeFacets(snapshot: PeerSnapshot, kind: PeerIdentity['kind'], maxAttributes = 24): string[] {
  const members = [...snapshot.identities.values()].filter((i) => i.kind === kind && snapshot.isPeerCandidate(i));
  const keys = new Map<string, number>();
  for (const i of members) for (const k of Object.keys(i.attributes)) keys.set(k, (keys.get(k) ?? 0) + 1);
  const attributeFacets = [...keys.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, maxAttributes)
    .map(([k]) => attributeFacet(k));
  const kept: Array<{ facet: string; values: Array<string | null> }> = [];
  for (const facet of [...BUILT_IN_FACETS, ...attributeFacets]) {
    const values = members.map((i) => facetValue(snapshot, i, facet));
    const present = values.filter((v): v is string => v !== null);
    const distinct = new Set(present).size;
    if (present.length < 2 || distinct === 0 || present.length / distinct < 2) continue;
    if (kept.some((k) => samePartition(k.values, values))) continue;
    kept.push({ facet, values });
  }
  return kept.map((k) => k.facet);
}

/** True when two facets put exactly the same identities together (a 1:1 mapping of values). */
function samePartition(a: Array<string | null>, b: Array<string | null>): boolean {
  const ab = new Map<string, string>();
  const ba = new Map<string, string>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if ((x === null) !== (y === null)) return false;
    if (x === null || y === null) continue;
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}
