import type { GraphStore } from '../store/port';
import type { AccessRowT } from './rows';

/**
 * A page of the effective-access index as the store returned it (before paths are re-checked at
 * the time of the request), with what decides how long it stays the answer.
 */
export interface StoredAccessPage {
  rows: AccessRowT[];
  total: number;
  /** The `now` the store filtered with: a request with an earlier `now` would see more grants. */
  readAt: string;
  /** The earliest `activeUntil` after `readAt` among every grant counted (null: none expires). */
  nextExpiry: string | null;
}

/** Pages kept per store, by their size in characters (paths are most of it); the least recently used go first. */
export const PAGE_CACHE_CHARS = 48 * 1024 * 1024;
/** A row's fields besides its paths, in characters, for the budget. */
const ROW_OVERHEAD_CHARS = 200;

function weigh(page: StoredAccessPage): number {
  let chars = 0;
  for (const row of page.rows) chars += row.paths.length + ROW_OVERHEAD_CHARS;
  return chars;
}

/**
 * Pages of effectiveAccess and whoHas shared between requests until the store is written or one of
 * the counted grants expires. A stored page is exactly what the store would answer at any `now` in
 * [readAt, nextExpiry): the queries filter grants on `activeUntil > $now` and nothing else that
 * moves with time, and paths are re-checked per request (`toGrantView`). What a caller may see is
 * decided afterwards, per field, by `@Authorized`: a page is the same for every caller.
 * A store without `writeGeneration` (other processes may write it) gets no cache: every page is read.
 */
export class AccessPageCache {
  private generation = -1;
  private chars = 0;
  private readonly pages = new Map<string, { page: StoredAccessPage; chars: number }>();

  constructor(
    private readonly store: GraphStore,
    private readonly maxChars: number = PAGE_CACHE_CHARS,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  /** The stored page for `key` if it is still the answer at `now`, else the one `read` returns (kept if nothing was written meanwhile). */
  async get(key: string, now: string, read: () => Promise<StoredAccessPage>): Promise<StoredAccessPage> {
    const generation = this.store.writeGeneration?.();
    if (generation === undefined) return read();
    if (generation !== this.generation) this.clear(generation);
    const hit = this.pages.get(key);
    if (hit && hit.page.readAt <= now && (hit.page.nextExpiry === null || now < hit.page.nextExpiry)) {
      // Most recently used last, so eviction takes the coldest first.
      this.pages.delete(key);
      this.pages.set(key, hit);
      return hit.page;
    }
    const page = await read();
    // A write that committed during the read may or may not be in it: serve it, keep nothing.
    if (this.store.writeGeneration?.() === generation && this.generation === generation) this.remember(key, page);
    return page;
  }

  private clear(generation: number): void {
    this.pages.clear();
    this.chars = 0;
    this.generation = generation;
  }

  private remember(key: string, page: StoredAccessPage): void {
    const chars = weigh(page);
    if (chars > this.maxChars) return;
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.chars -= old.chars;
    }
    this.pages.set(key, { page, chars });
    this.chars += chars;
    for (const [oldest, entry] of this.pages) {
      if (this.chars <= this.maxChars) break;
      this.pages.delete(oldest);
      this.chars -= entry.chars;
    }
  }
}

const shared = new WeakMap<GraphStore, AccessPageCache>();

/** The one cache of a store, shared by every request that store serves. */
export function sharedAccessPages(store: GraphStore): AccessPageCache {
  let cache = shared.get(store);
  if (!cache) shared.set(store, (cache = new AccessPageCache(store)));
  return cache;
}
