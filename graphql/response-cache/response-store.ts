/** WHOHAS_RESPONSE_CACHE_MB's default. */
export const DEFAULT_RESPONSE_CACHE_MB = 64;

/**
 * What a hit hands Apollo in place of the answer: its extensions, and an empty stand-in for its data
 * that `jsonOf` knows. Keeping the answer's objects beside its JSON cost several times the JSON in
 * heap, and a held heap slows every collection (docs/scaling.md).
 */
export interface AnswerShell {
  data: Readonly<Record<string, never>>;
  extensions: Record<string, unknown>;
}

/** One answer kept, and what decides whether it is still the answer. */
export interface StoredAnswer {
  shell: AnswerShell;
  /** The store's write generation it was computed on: any write since makes it stale. */
  generation: number;
  /** The request's `now`: an earlier instant could see grants this answer no longer shows. */
  readAt: string;
  /** The earliest instant a grant or path in it expires (null: none). */
  until: string | null;
  /** Its JSON, made once: what every hit sends. */
  json: string;
}

/** What decides whether an answer may be served again, known before its JSON is made. */
export type AnswerTerms = Pick<StoredAnswer, 'generation' | 'readAt' | 'until'> & { graphVersion: string };

/** What the cache did since the process started, for /metrics: whether its size suits the callers. */
export interface ResponseCacheStats {
  /** Questions answered with a kept answer. */
  hits: number;
  /** Cacheable questions computed because no valid answer was kept. */
  misses: number;
  /** Cacheable questions whose caller asked for a computed answer (`Cache-Control: no-cache`). */
  bypasses: number;
  /** Answers let go to stay within the budget (not those a write made stale). */
  evictions: number;
  entries: number;
  /** Characters kept (JSON and keys) and the budget. */
  chars: number;
  maxChars: number;
}

/**
 * Answers by key, within a budget of characters (JSON and keys); the least recently used go first. A write
 * clears everything at the next look (the generation moved), so stale entries never outlive it.
 */
export class ResponseStore {
  private generation = -1;
  private chars = 0;
  private readonly answers = new Map<string, StoredAnswer>();
  /** Kept answers by their shell's data stand-in, for `jsonOf`. */
  private readonly byData = new WeakMap<object, StoredAnswer>();
  /** Answers to keep once Apollo makes their JSON (`serialize`), by their data object. */
  private readonly unsent = new WeakMap<object, { key: string; terms: AnswerTerms }>();
  private readonly counts = { hits: 0, misses: 0, bypasses: 0, evictions: 0 };

  constructor(private readonly maxChars: number) {}

  /** Characters kept: JSON and keys. */
  get size(): number {
    return this.chars;
  }

  stats(): ResponseCacheStats {
    return { ...this.counts, entries: this.answers.size, chars: this.chars, maxChars: this.maxChars };
  }

  /** The answer for `key` if it is still the answer at `now` on `generation`. */
  get(key: string, generation: number, now: string): StoredAnswer | null {
    if (generation !== this.generation) this.clear(generation);
    const hit = this.answers.get(key);
    if (!hit || hit.readAt > now || (hit.until !== null && now >= hit.until)) {
      this.counts.misses++;
      return null;
    }
    this.counts.hits++;
    this.answers.delete(key);
    this.answers.set(key, hit);
    return hit;
  }

  /** A caller asked for a computed answer; it may still be kept for the next caller. */
  noteBypass(): void {
    this.counts.bypasses++;
  }

  /**
   * The JSON of a kept answer when `result` is its shell as Apollo hands it to be sent (the same
   * stand-in and extensions objects, no errors); null otherwise.
   */
  jsonOf(result: { data?: unknown; errors?: unknown; extensions?: unknown }): string | null {
    if (result.errors !== undefined || typeof result.data !== 'object' || result.data === null) return null;
    const kept = this.byData.get(result.data);
    return kept && kept.shell.extensions === result.extensions ? kept.json : null;
  }

  /** Keeps the answer whose data is `data` under `key` when it is serialized, so its JSON is made once. */
  keepWhenSent(data: object, key: string, terms: AnswerTerms): void {
    this.unsent.set(data, { key, terms });
  }

  /**
   * Apollo's stringifyResult: a kept answer's JSON for its shell; else the result's JSON, kept when
   * `keepWhenSent` asked for it and the result carries the graph version the answer was computed on.
   */
  serialize(result: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
    const kept = this.jsonOf(result);
    if (kept !== null) return kept;
    const json = JSON.stringify(result);
    const data = typeof result.data === 'object' && result.data !== null ? result.data : null;
    const wanted = data && this.unsent.get(data);
    if (wanted) {
      this.unsent.delete(data);
      const extensions = result.extensions as Record<string, unknown> | undefined;
      if (result.errors === undefined && extensions?.graphVersion === wanted.terms.graphVersion) {
        const { generation, readAt, until } = wanted.terms;
        this.put(wanted.key, { shell: { data: Object.freeze({}), extensions }, generation, readAt, until, json });
      }
    }
    return json;
  }

  put(key: string, answer: StoredAnswer): boolean {
    // Generations only grow: a newer one (no lookup since the write, as when every caller sent
    // no-cache) starts afresh; an older one is an answer from before the write.
    if (answer.generation > this.generation) this.clear(answer.generation);
    if (answer.generation !== this.generation || weight(key, answer) > this.maxChars / 8) return false;
    const old = this.answers.get(key);
    if (old) this.forget(key, old);
    this.answers.set(key, answer);
    this.byData.set(answer.shell.data, answer);
    this.chars += weight(key, answer);
    for (const [oldest, entry] of this.answers) {
      if (this.chars <= this.maxChars) break;
      this.forget(oldest, entry);
      this.counts.evictions++;
    }
    return true;
  }

  private forget(key: string, entry: StoredAnswer): void {
    this.answers.delete(key);
    this.chars -= weight(key, entry);
  }

  private clear(generation: number): void {
    this.answers.clear();
    this.chars = 0;
    this.generation = generation;
  }
}

/** The key counts too: it holds the caller's variables, which a tiny answer (`null`) does not bound. */
function weight(key: string, answer: StoredAnswer): number {
  return key.length + answer.json.length;
}
