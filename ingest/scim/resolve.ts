import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { Found, Kind } from './classify';
import { ScimGroup, ScimUser, firstIssue } from './raw-schemas';

export interface Resource<T> {
  id: string;
  value: T;
  at: Where;
}

export interface Resolved {
  users: Resource<ScimUser>[];
  groups: Resource<ScimGroup>[];
  /** Resources rejected as a whole that still name their id: what they loaded before is kept. */
  rejected: RejectedResource[];
}

export interface RejectedResource {
  kind: Kind;
  /** The SCIM id, as the resource gives it. */
  id: string;
  raw: Record<string, unknown>;
  at: Where;
  field: string;
}

/** A User is its account (and, when identities are created, the person, with the same id); a Group its group. */
export const ENTITY_OF: Record<Kind, 'accounts' | 'groups'> = { User: 'accounts', Group: 'groups' };

interface Candidate {
  kind: Kind;
  id: string;
  value: ScimUser | ScimGroup;
  raw: Record<string, unknown>;
  at: Where;
  seq: number;
}

/**
 * Validates what was found and settles repeats: one resource per (type, id). Copies of a
 * resource (a folder of exports, a page boundary that moved) are normal; the copy with the latest
 * meta.lastModified wins, else the later one in the input. A differing loser is rejected so the
 * user sees it; an identical one is only counted.
 */
export function resolveResources(found: Found[], b: BundleBuilder, idOf: (kind: Kind, id: string) => string): Resolved {
  const candidates: Candidate[] = [];
  const idless: Array<Omit<Candidate, 'id'>> = [];
  const rejected: RejectedResource[] = [];
  for (const f of found) {
    const parsed = f.kind === 'User' ? ScimUser.safeParse(f.raw) : ScimGroup.safeParse(f.raw);
    const rawId = typeof f.raw.id === 'string' || typeof f.raw.id === 'number' ? String(f.raw.id) : undefined;
    // A resource rejected as a whole names its record, so a full run keeps what it loaded before.
    const rejectWhole = (field: string, reason: string) => {
      if (!rawId) return b.reject(f.at, field, reason);
      b.reject(f.at, field, reason, { id: idOf(f.kind, rawId) }, ENTITY_OF[f.kind]);
      rejected.push({ kind: f.kind, id: rawId, raw: f.raw, at: f.at, field });
    };
    if (!parsed.success) {
      const { field, reason } = firstIssue(parsed.error);
      rejectWhole(field, `${f.kind} ${field}: ${reason}`);
      continue;
    }
    const value = parsed.data;
    if (f.kind === 'Group' && !(value as ScimGroup).displayName) {
      rejectWhole('displayName', 'a Group must have a displayName (RFC 7643 section 4.2)');
      continue;
    }
    if (value.id === '' || (value.id === undefined && f.kind === 'Group')) {
      b.reject(f.at, 'id', `${f.kind} has no id, so nothing can point at it`);
      continue;
    }
    if (value.id === undefined) {
      const user = value as ScimUser;
      if (!user.userName) b.reject(f.at, 'id', 'User has neither id nor userName');
      else idless.push({ kind: f.kind, value, raw: f.raw, at: f.at, seq: f.seq });
      continue;
    }
    candidates.push({ kind: f.kind, id: value.id, value, raw: f.raw, at: f.at, seq: f.seq });
  }
  candidates.push(...keyIdless(idless, candidates, b));
  return { ...pickWinners(candidates, b, idOf), rejected };
}

/**
 * A User without id is a request body (POST): the server has not named it yet. If exactly one
 * User of the input has its userName (unique per provider, case-insensitive), it is that user;
 * otherwise the userName stands in for the id.
 */
function keyIdless(idless: Array<Omit<Candidate, 'id'>>, withId: Candidate[], b: BundleBuilder): Candidate[] {
  const byName = new Map<string, Set<string>>();
  for (const c of withId) {
    const name = c.kind === 'User' ? (c.value as ScimUser).userName?.toLowerCase() : undefined;
    if (name) byName.set(name, (byName.get(name) ?? new Set()).add(c.id));
  }
  const out: Candidate[] = [];
  for (const c of idless) {
    const userName = (c.value as ScimUser).userName!;
    const ids = [...(byName.get(userName.toLowerCase()) ?? [])];
    if (ids.length > 1) {
      b.reject(c.at, 'id', `User has no id and its userName '${userName}' belongs to ${ids.length} Users (${ids.sort().join(', ')})`);
      continue;
    }
    if (!ids.length) b.note(`${c.at.file}:${c.at.line}: a User without id (a POST request body?); keyed by its userName '${userName}'`);
    out.push({ ...c, id: ids[0] ?? userName });
  }
  return out;
}

function pickWinners(candidates: Candidate[], b: BundleBuilder, idOf: (kind: Kind, id: string) => string): Omit<Resolved, 'rejected'> {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.kind}|${c.id}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const resolved: Omit<Resolved, 'rejected'> = { users: [], groups: [] };
  let identical = 0;
  for (const copies of groups.values()) {
    const winner = copies.reduce((best, c) => (newer(c, best) ? c : best));
    for (const c of copies) {
      if (c === winner) continue;
      if (JSON.stringify(c.raw) === JSON.stringify(winner.raw)) identical++;
      else {
        // No entity: the winning copy loads this very record, so there is nothing to keep.
        const reason = `duplicate ${c.kind} '${c.id}': superseded by ${winner.at.file}:${winner.at.line} (${why(winner, c)})`;
        b.reject(c.at, 'id', reason, { id: idOf(c.kind, c.id) });
      }
    }
    const out = { id: winner.id, value: winner.value, at: winner.at };
    if (winner.kind === 'User') resolved.users.push(out as Resource<ScimUser>);
    else resolved.groups.push(out as Resource<ScimGroup>);
  }
  if (identical) b.note(`${identical} identical repeat(s) of a resource were dropped (e.g. a page boundary that moved)`);
  return resolved;
}

const modified = (c: Candidate): number => {
  const t = Date.parse(c.value.meta?.lastModified ?? '');
  return Number.isNaN(t) ? -Infinity : t;
};

/** Later lastModified wins; among equals (or none), the later in input order. */
const newer = (c: Candidate, than: Candidate): boolean =>
  modified(c) > modified(than) || (modified(c) === modified(than) && c.seq > than.seq);

function why(winner: Candidate, loser: Candidate): string {
  return modified(winner) > modified(loser) ? `its meta.lastModified ${winner.value.meta?.lastModified} is later` : 'it comes later in the input';
}
