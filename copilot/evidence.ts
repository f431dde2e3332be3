import type { Citation } from './answer';

const keyOf = (c: Pick<Citation, 'kind' | 'id'>) => `${c.kind}\u0000${c.id}`;

/**
 * Everything the tools returned during one question, and so everything an answer may cite. An answer's
 * citations are checked against it: a citation the tools never returned (a model's invention, or an id
 * copied from untrusted graph text) is dropped, never shown as evidence.
 */
export class EvidenceLedger {
  private readonly seen = new Map<string, Citation>();

  add(...citations: Citation[]): void {
    for (const c of citations) if (!this.seen.has(keyOf(c))) this.seen.set(keyOf(c), c);
  }

  has(c: Pick<Citation, 'kind' | 'id'>): boolean {
    return this.seen.has(keyOf(c));
  }

  /** The ledger's own copy (its label and refs come from the tool, not from whoever asks). */
  get(c: Pick<Citation, 'kind' | 'id'>): Citation | undefined {
    return this.seen.get(keyOf(c));
  }

  get size(): number {
    return this.seen.size;
  }

  /** Splits claimed citations into those the tools returned and those they did not; keeps order, drops repeats. */
  check(claimed: readonly Pick<Citation, 'kind' | 'id'>[]): { kept: Citation[]; dropped: Pick<Citation, 'kind' | 'id'>[] } {
    const kept: Citation[] = [];
    const dropped: Pick<Citation, 'kind' | 'id'>[] = [];
    const done = new Set<string>();
    for (const c of claimed) {
      const k = keyOf(c);
      if (done.has(k)) continue;
      done.add(k);
      const own = this.seen.get(k);
      if (own) kept.push(own);
      else dropped.push({ kind: c.kind, id: c.id });
    }
    return { kept, dropped };
  }
}
