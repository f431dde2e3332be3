import { Interner } from '../../src/interner';
import { FloatList, UintList } from '../../src/typed-lists';
import type { Located } from './parse-records';
import type { UsageRecord } from './records';

/** What the graph already holds for one account and entitlement (the USED edge). */
export interface StoredUsage {
  lastUsedAt: string;
  count: number;
}

/** One pair's events folded onto what the graph held: the USED edge the run writes. */
export interface FoldedUsage {
  accountId: string;
  entitlementId: string;
  lastUsedAt: string;
  count: number;
}

/** A log by its columns, as a worker thread hands over what it read (usage-read-worker.ts); the arrays' buffers are transferred, not copied. */
export interface UsageColumns {
  accountIds: string[];
  entitlementIds: string[];
  pair: Uint32Array;
  atMs: Float64Array;
  count: Float64Array;
  line: Uint32Array;
}

export type UsageProblem = { field: string; reason: string } | null;

/**
 * A run's usage events, by columns. At L a bundle holds 10M events over a few hundred thousand
 * pairs; as one object each (with its own time string) they were the largest part of the heap
 * after the read. Here an event is 28 bytes in typed arrays (pair, time, count, line) and each
 * pair's ids are held once. Times are kept as epoch milliseconds: the schema normalises every time
 * to `toISOString()`, so the number and the text order the same and the text is recovered exactly.
 */
export class UsageLog {
  /** Account, then entitlement, to pair: two lookups by the ids as read, where one by a joined key built a string per event. */
  private pairOf = new Map<string, Map<string, number>>();
  /** One string per id: an account's id would otherwise be held again for each entitlement it used. */
  private ids = new Interner();
  private accountIds: string[] = [];
  private entitlementIds: string[] = [];
  private pair = new UintList();
  private atMs = new FloatList();
  private count = new FloatList();
  private line = new UintList();
  /** Events come file by file: the file an event came from is that of the last run starting at or before it. */
  private fileRuns: Array<{ from: number; file: string }> = [];
  private lastFile: string | null = null;

  /** Events held. */
  get length(): number {
    return this.pair.length;
  }

  /** Distinct account and entitlement pairs among them. */
  get pairCount(): number {
    return this.accountIds.length;
  }

  add(record: UsageRecord, file: string, line: number): void {
    this.append(this.pairIndex(record.accountId, record.entitlementId), Date.parse(record.at), record.count, line, file);
  }

  private pairIndex(accountId: string, entitlementId: string): number {
    let ofAccount = this.pairOf.get(accountId);
    if (!ofAccount) this.pairOf.set(accountId, (ofAccount = new Map()));
    let pair = ofAccount.get(entitlementId);
    if (pair === undefined) {
      pair = this.accountIds.length;
      ofAccount.set(entitlementId, pair);
      this.accountIds.push(this.ids.of(accountId));
      this.entitlementIds.push(this.ids.of(entitlementId));
    }
    return pair;
  }

  private append(pair: number, atMs: number, count: number, line: number, file: string): void {
    if (this.lastFile !== file) {
      this.fileRuns.push({ from: this.length, file });
      this.lastFile = file;
    }
    this.pair.push(pair);
    this.atMs.push(atMs);
    this.count.push(count);
    this.line.push(line);
  }

  /** The events by columns, for another thread to `absorb` (only events of one file: what one worker reads). */
  columns(): UsageColumns {
    return { accountIds: this.accountIds, entitlementIds: this.entitlementIds, pair: this.pair.toArray(), atMs: this.atMs.toArray(), count: this.count.toArray(), line: this.line.toArray() };
  }

  /**
   * Appends the events another thread read from a part of `file` (parts come in file order): the
   * part's pairs are looked up once, not once per event, and its line numbers, counted from the
   * part's start, move by `lineOffset`. The part's arrays are rewritten in place and copied in whole
   * (at L 10M events: 3.5 s one event at a time).
   */
  absorb(file: string, columns: UsageColumns, lineOffset: number): void {
    if (!columns.pair.length) return;
    const toPair = columns.accountIds.map((accountId, p) => this.pairIndex(accountId, columns.entitlementIds[p]));
    for (let i = 0; i < columns.pair.length; i++) {
      columns.pair[i] = toPair[columns.pair[i]];
      columns.line[i] += lineOffset;
    }
    if (this.lastFile !== file) {
      this.fileRuns.push({ from: this.length, file });
      this.lastFile = file;
    }
    this.pair.pushAll(columns.pair);
    this.atMs.pushAll(columns.atMs);
    this.count.pushAll(columns.count);
    this.line.pushAll(columns.line);
  }

  /** Lets go of every event and pair (the run has written them). */
  clear(): void {
    Object.assign(this, new UsageLog());
  }

  /** Event `i` as the record it was read as. */
  event(i: number): Located<UsageRecord> {
    const pair = this.pair.get(i);
    return {
      record: { accountId: this.accountIds[pair], entitlementId: this.entitlementIds[pair], at: new Date(this.atMs.get(i)).toISOString(), count: this.count.get(i) },
      file: this.fileOf(i),
      line: this.line.get(i),
    };
  }

  *events(): IterableIterator<Located<UsageRecord>> {
    for (let i = 0; i < this.length; i++) yield this.event(i);
  }

  /**
   * The events whose pair passes `check` (asked once per pair); each other event goes to `reject`,
   * in file order, so every line is reported. When nothing is rejected the log itself is returned.
   */
  keep(check: (accountId: string, entitlementId: string) => UsageProblem, reject: (event: Located<UsageRecord>, problem: NonNullable<UsageProblem>) => void): UsageLog {
    const problems = this.accountIds.map((accountId, pair) => check(accountId, this.entitlementIds[pair]));
    if (problems.every((p) => p === null)) return this;
    const kept = new UsageLog();
    for (let i = 0; i < this.length; i++) {
      const pair = this.pair.get(i);
      const problem = problems[pair];
      if (problem) reject(this.event(i), problem);
      // Column to column: a kept event is not turned back into a record (10M of them at L).
      else kept.append(kept.pairIndex(this.accountIds[pair], this.entitlementIds[pair]), this.atMs.get(i), this.count.get(i), this.line.get(i), this.fileOf(i));
    }
    return kept;
  }

  /**
   * Each pair's events folded onto what the graph holds for it: the latest time, and the count grown
   * only by events newer than the stored time, so the same events ingested twice count once.
   */
  fold(prior: (accountId: string, entitlementId: string) => StoredUsage | undefined): FoldedUsage[] {
    const priorMs = new Float64Array(this.pairCount).fill(-Infinity);
    const counts = new Float64Array(this.pairCount);
    const latest = new Float64Array(this.pairCount).fill(-Infinity);
    for (let p = 0; p < this.pairCount; p++) {
      const stored = prior(this.accountIds[p], this.entitlementIds[p]);
      if (!stored) continue;
      const storedMs = Date.parse(stored.lastUsedAt);
      if (!Number.isNaN(storedMs)) priorMs[p] = latest[p] = storedMs;
      counts[p] = stored.count;
    }
    for (let i = 0; i < this.length; i++) {
      const p = this.pair.get(i);
      const at = this.atMs.get(i);
      if (at > priorMs[p]) counts[p] += this.count.get(i);
      if (at > latest[p]) latest[p] = at;
    }
    return this.accountIds.map((accountId, p) => ({
      accountId,
      entitlementId: this.entitlementIds[p],
      lastUsedAt: new Date(latest[p]).toISOString(),
      count: counts[p],
    }));
  }

  /** The pairs, in first-seen order (for reading what the graph holds for them). */
  pairs(): Array<{ accountId: string; entitlementId: string }> {
    return this.accountIds.map((accountId, p) => ({ accountId, entitlementId: this.entitlementIds[p] }));
  }

  private fileOf(i: number): string {
    let lo = 0;
    let hi = this.fileRuns.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.fileRuns[mid].from <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.fileRuns[lo]?.file ?? '';
  }
}
