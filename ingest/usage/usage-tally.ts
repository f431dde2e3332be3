import type { BundleBuilder, Where } from '../core/bundle-builder';

/** What became of each event. Every event lands in exactly one outcome (or is rejected). */
export type Outcome = 'used' | 'failed' | 'notAttributable' | 'skipped';

/** One usage record's identity: the account that used the entitlement. */
export interface UsageKey {
  accountId: string;
  entitlementId: string;
}

/**
 * `exact`: events of one pair at the same instant fold into one record. `hour`/`day`: one record per
 * pair and UTC hour/day, carrying the latest time. The loader only counts records newer than the
 * pair's stored last use, so coarser buckets re-count the newest bucket when an overlapping log is
 * read again; `exact` never does.
 */
export type Aggregate = 'exact' | 'hour' | 'day';

export interface UsageStats {
  events: number;
  rejected: number;
  records: number;
  used: Record<string, number>;
  failed: Record<string, number>;
  notAttributable: Record<string, number>;
  skipped: Record<string, number>;
}

interface Bucket {
  accountId: string;
  entitlementId: string;
  at: string;
  count: number;
  where: Where;
}

const BUCKET_LENGTH: Record<Aggregate, number> = { exact: 24, hour: 13, day: 10 };

const LABELS: Record<Outcome, string> = {
  used: 'used',
  failed: 'failed, not counted as usage',
  notAttributable: 'not attributable',
  skipped: 'not usage',
};

export class UsageTally {
  private readonly outcomes: Record<Outcome, Map<string, number>> = {
    used: new Map(),
    failed: new Map(),
    notAttributable: new Map(),
    skipped: new Map(),
  };
  private readonly buckets = new Map<string, Bucket>();
  private rejected = 0;

  constructor(
    private readonly builder: BundleBuilder,
    private readonly aggregate: Aggregate,
  ) {}

  count(outcome: Outcome, reason: string): void {
    const m = this.outcomes[outcome];
    m.set(reason, (m.get(reason) ?? 0) + 1);
  }

  /**
   * One rejected event. `uses` are the usage records it would have given, when it still names them:
   * each is named by a reject of its own (entity `usage`), so a full-mode run keeps it as loaded
   * before. The event counts once however many it names.
   */
  reject(at: Where, field: string | null, reason: string, uses: UsageKey[] = []): void {
    this.rejected++;
    if (!uses.length) return this.builder.reject(at, field, reason);
    const seen = new Set<string>();
    for (const u of uses) {
      const key = `${u.accountId}\u0000${u.entitlementId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.builder.reject(at, field, reason, { accountId: u.accountId, entitlementId: u.entitlementId }, 'usage');
    }
  }

  /** One use of `entitlementId` by `accountId` at `at` (ISO UTC); the event is counted by the caller. */
  use(accountId: string, entitlementId: string, at: string, where: Where): void {
    const key = `${accountId}\u0000${entitlementId}\u0000${at.slice(0, BUCKET_LENGTH[this.aggregate])}`;
    const b = this.buckets.get(key);
    if (!b) this.buckets.set(key, { accountId, entitlementId, at, count: 1, where });
    else {
      b.count++;
      // The record points at the event that set its time, so a reject names a real line.
      if (at > b.at) Object.assign(b, { at, where });
    }
  }

  /** Adds the usage records in a fixed order, so the same input always gives the same output. */
  flush(): void {
    const all = [...this.buckets.values()].sort(
      (a, b) => cmp(a.accountId, b.accountId) || cmp(a.entitlementId, b.entitlementId) || cmp(a.at, b.at),
    );
    for (const b of all) this.builder.add('usage', { accountId: b.accountId, entitlementId: b.entitlementId, at: b.at, count: b.count }, b.where);
  }

  stats(): UsageStats {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => cmp(a, b)));
    const total = (m: Map<string, number>) => [...m.values()].reduce((n, v) => n + v, 0);
    const counted = (Object.keys(this.outcomes) as Outcome[]).reduce((n, o) => n + total(this.outcomes[o]), 0);
    return {
      events: counted + this.rejected,
      rejected: this.rejected,
      records: this.buckets.size,
      used: obj(this.outcomes.used),
      failed: obj(this.outcomes.failed),
      notAttributable: obj(this.outcomes.notAttributable),
      skipped: obj(this.outcomes.skipped),
    };
  }

  /** E.g. "cloudtrail: 412 events: 300 used (policy match: 220; action entitlement: 80), 32 not attributable (...)". */
  summary(label: string): string[] {
    const s = this.stats();
    const parts: string[] = [];
    for (const outcome of Object.keys(LABELS) as Outcome[]) {
      const m = this.outcomes[outcome];
      const n = [...m.values()].reduce((a, v) => a + v, 0);
      if (!n) continue;
      const detail = [...m.entries()].sort(([a], [b]) => cmp(a, b)).map(([reason, k]) => `${reason}: ${k}`).join('; ');
      parts.push(`${n} ${LABELS[outcome]} (${detail})`);
    }
    if (s.rejected) parts.push(`${s.rejected} rejected (see the reject report)`);
    const lines = [`${label}: ${s.events} events${parts.length ? ': ' + parts.join(', ') : ''}`];
    if (s.records) lines.push(`${label}: ${s.records} usage records (${AGGREGATE_TEXT[this.aggregate]})`);
    return lines;
  }
}

const AGGREGATE_TEXT: Record<Aggregate, string> = {
  exact: 'events of one account and entitlement at the same instant folded together',
  hour: 'one per account, entitlement and UTC hour, at the latest event',
  day: 'one per account, entitlement and UTC day, at the latest event',
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
