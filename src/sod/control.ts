import type { StoredHop } from '../access/path';

/** I controls J when I delegates to J or owns J (spec: "Control"), over active edges. */
export interface ControlEdge {
  from: string;
  to: string;
  via: 'DELEGATES_TO' | 'OWNS';
  expiresAt: string | null;
  /** What a delegation lets flow (ownership: everything). */
  scope: string[];
}

/** Everyone an identity controls, transitively, each with the shortest chain of hops that shows how. */
export class ControlGraph {
  private readonly out = new Map<string, ControlEdge[]>();
  private readonly closures = new Map<string, Map<string, StoredHop[]>>();
  private readonly active: ControlEdge[] = [];

  constructor(edges: ControlEdge[], nowIso: string) {
    for (const e of edges) {
      if (e.from === e.to || (e.expiresAt && e.expiresAt <= nowIso)) continue;
      this.active.push(e);
      const list = this.out.get(e.from);
      if (list) list.push(e);
      else this.out.set(e.from, [e]);
    }
  }

  /** When the first active edge expires (null: none does); the graph is the same until then. */
  nextExpiry(): string | null {
    let next: string | null = null;
    for (const e of this.active) if (e.expiresAt !== null && (next === null || e.expiresAt < next)) next = e.expiresAt;
    return next;
  }

  /** Every active control edge (a what-if builds its "after" control graph from these). */
  edges(): readonly ControlEdge[] {
    return this.active;
  }

  /** Identities this one hands its access to: active delegations out of it, with their scope. */
  delegatesOf(id: string): ControlEdge[] {
    return (this.out.get(id) ?? []).filter((e) => e.via === 'DELEGATES_TO');
  }

  /** Who controls `id`, directly or transitively. */
  controllersOf(id: string): string[] {
    return this.controllers().filter((c) => this.reach(c).has(id));
  }

  controllers(): string[] {
    return [...this.out.keys()];
  }

  /** Controlled identity -> chain from `id` to it (first hop is `id` itself). Breadth-first, so chains are shortest. */
  reach(id: string): Map<string, StoredHop[]> {
    const cached = this.closures.get(id);
    if (cached) return cached;
    const chains = new Map<string, StoredHop[]>();
    const queue: StoredHop[][] = [[{ k: 'identity', id }]];
    const seen = new Set([id]);
    while (queue.length) {
      const chain = queue.shift()!;
      for (const e of this.out.get(chain[chain.length - 1].id) ?? []) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        // The controller delegates to (or owns) the next identity: walked along the edge's direction.
        const next = [...chain, { k: 'identity' as const, id: e.to, e: e.via, ...(e.expiresAt ? { x: e.expiresAt } : {}), d: 'forward' as const }];
        chains.set(e.to, next);
        queue.push(next);
      }
    }
    this.closures.set(id, chains);
    return chains;
  }
}
