import type { GraphFacts, ListKind, ListSource } from './access-model';
import type { Seeds } from './apply-change';

export interface Reach {
  /** The only entitlements whose holders can change (null: any). */
  entitlements: Set<string> | null;
  /** Identities whose effective access may differ after the changes. */
  candidates: Set<string>;
  /** Candidates plus everyone who delegates to them, transitively: what must be computed to answer for them exactly. */
  computeSet: Set<string>;
}

/** Walks one list kind from the start nodes, in the graph before and after the changes alike. */
function closure(sources: ListSource[], kind: ListKind, start: Iterable<string>, next: 'from' | 'to'): Set<string> {
  const seen = new Set(start);
  const queue = [...seen];
  while (queue.length) {
    const id = queue.pop()!;
    for (const source of sources) {
      for (const e of source.listOf(kind, id)) {
        const n = e[next];
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
  }
  return seen;
}

/**
 * Who a change can reach: the owners of every account at or below a changed group (through nesting),
 * of every changed account, the identities named directly, and everyone those delegate to, on down
 * the chains. Walked over the union of before and after, so an edge a change removes or adds is
 * followed either way.
 */
export function reachOf(before: ListSource, after: ListSource, facts: GraphFacts, seeds: Seeds): Reach {
  const both = [before, after];
  const groups = closure(both, 'cg', seeds.groups, 'from');
  const accounts = new Set(seeds.accounts);
  for (const g of groups) for (const source of both) for (const e of source.listOf('ca', g)) accounts.add(e.from);
  const owners = new Set(seeds.identities);
  for (const a of accounts) {
    const owner = facts.accounts.get(a)?.ownerId;
    if (owner) owners.add(owner);
  }
  const candidates = closure(both, 'do', owners, 'to');
  const computeSet = closure(both, 'di', candidates, 'from');
  return { candidates, computeSet, entitlements: movableEntitlements(before, after, seeds) };
}

/**
 * The entitlements the changes can move, or null for "any": those named, and those conferred by the
 * changed groups and accounts through every group above them, before or after the changes.
 */
export function movableEntitlements(before: ListSource, after: ListSource, seeds: Seeds): Set<string> | null {
  const { moves } = seeds;
  if (moves.everything) return null;
  const both = [before, after];
  const start = new Set(moves.viaGroups);
  for (const a of moves.viaAccounts) for (const source of both) for (const e of source.listOf('ag', a)) start.add(e.to);
  const out = new Set(moves.entitlements);
  for (const a of moves.viaAccounts) for (const source of both) for (const e of source.listOf('ga', a)) out.add(e.to);
  for (const g of closure(both, 'gp', start, 'to')) for (const source of both) for (const e of source.listOf('gg', g)) out.add(e.to);
  return out;
}
