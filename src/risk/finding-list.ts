import { codeRank, severityRank, type FindingCode, type Severity } from './catalog';
import { compareFindings, type Finding, type IdentityKind } from './finding';
import { ObjectRun, type FindingRun } from './finding-runs';

export interface FindingFilter {
  code?: FindingCode | null;
  severity?: Severity | null;
  department?: string | null;
  kind?: IdentityKind | null;
}

/** One code's findings against one identity: how many, and the worst few (worst first) that a score counts. */
export interface CodeTally {
  code: FindingCode;
  count: number;
  worst: Finding[];
}

/**
 * Every finding of an evaluation in compareFindings order (worst first, then code, identity, id),
 * held as runs of one code and severity. Positions are stable, so pages and exports read a slice
 * and only the findings they return are built.
 */
export class FindingList implements Iterable<Finding> {
  readonly runs: readonly FindingRun[];
  private readonly starts: number[] = [];
  readonly length: number;

  /** `built`: findings of any order; `columns`: runs already in order, one per code and severity. */
  constructor(built: Finding[], columns: FindingRun[]) {
    const buckets = new Map<string, Finding[]>();
    for (const f of [...built].sort(compareFindings)) {
      const key = `${f.severity}|${f.code}`;
      const list = buckets.get(key);
      if (list) list.push(f);
      else buckets.set(key, [f]);
    }
    const runs: FindingRun[] = [...buckets.values()].map((list) => new ObjectRun(list[0].code, list[0].severity, list));
    for (const run of columns.filter((r) => r.length > 0)) {
      if (buckets.has(`${run.severity}|${run.code}`)) throw new Error(`two runs of ${run.code} at ${run.severity}`);
      runs.push(run);
    }
    runs.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || codeRank(a.code) - codeRank(b.code));
    let at = 0;
    for (const run of runs) {
      this.starts.push(at);
      at += run.length;
    }
    this.runs = runs;
    this.length = at;
  }

  at(i: number): Finding | undefined {
    if (i < 0 || i >= this.length) return undefined;
    let r = this.runs.length - 1;
    while (this.starts[r] > i) r--;
    return this.runs[r].at(i - this.starts[r]);
  }

  /** Findings at positions [from, to), built. */
  slice(from: number, to: number): Finding[] {
    const out: Finding[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.at(i)!);
    return out;
  }

  *[Symbol.iterator](): Iterator<Finding> {
    for (const run of this.runs) for (let k = 0; k < run.length; k++) yield run.at(k);
  }

  toArray(): Finding[] {
    return [...this];
  }

  /** One identity's findings, worst first. */
  of(identityId: string): Finding[] {
    const out: Finding[] = [];
    for (const run of this.runs) {
      const [from, to] = run.rangeOf(identityId);
      for (let k = from; k < to; k++) out.push(run.at(k));
    }
    return out;
  }

  countOf(identityId: string): number {
    let n = 0;
    for (const run of this.runs) {
      const [from, to] = run.rangeOf(identityId);
      n += to - from;
    }
    return n;
  }

  /** Per code, the identity's count and its first `max` findings in worst-first order; only those are built. */
  tallyOf(identityId: string, max: number): CodeTally[] {
    const byCode = new Map<FindingCode, CodeTally>();
    for (const run of this.runs) {
      const [from, to] = run.rangeOf(identityId);
      if (from === to) continue;
      let tally = byCode.get(run.code);
      if (!tally) byCode.set(run.code, (tally = { code: run.code, count: 0, worst: [] }));
      tally.count += to - from;
      // Runs come worst severity first, and one identity's findings in a run in id order: the score's own order.
      for (let k = from; k < to && tally.worst.length < max; k++) tally.worst.push(run.at(k));
    }
    return [...byCode.values()];
  }

  /** How many findings match, and the built ones at [skip, skip + limit) of the matches. */
  select(filter: FindingFilter, skip: number, limit: number): { total: number; page: Finding[] } {
    let total = 0;
    const page: Finding[] = [];
    const wantPage = (n: number) => n >= skip && page.length < limit;
    for (const run of this.runs) {
      if ((filter.code && run.code !== filter.code) || (filter.severity && run.severity !== filter.severity)) continue;
      if (!filter.department && !filter.kind) {
        for (let k = Math.max(0, skip - total); k < run.length && page.length < limit; k++) page.push(run.at(k));
        total += run.length;
        continue;
      }
      for (let k = 0; k < run.length; k++) {
        if (filter.kind && run.kindAt(k) !== filter.kind) continue;
        if (filter.department && run.departmentAt(k) !== filter.department) continue;
        if (wantPage(total)) page.push(run.at(k));
        total++;
      }
    }
    return { total, page };
  }
}
