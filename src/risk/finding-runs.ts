import { EventLoopTurns } from '../event-loop-turns';
import type { EntitlementFacts } from '../sod/selectors';
import { FloatList, UintList } from '../typed-lists';
import type { FindingCode, Severity } from './catalog';
import { cmp, type Finding, type IdentityKind } from './finding';
import { departmentOf, type RiskData } from './risk-data';

/**
 * Findings of one code and one severity, in (identity, finding id) order: one bucket of the list's
 * worst-first order. Read by position, so a consumer that needs only counts or facets (metrics,
 * filters, scores) never builds a finding's reason and evidence.
 */
export interface FindingRun {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly length: number;
  at(k: number): Finding;
  identityAt(k: number): string | null;
  kindAt(k: number): IdentityKind | null;
  departmentAt(k: number): string | null;
  systemIdsAt(k: number): string[];
  /** Positions [from, to) of one identity's findings. */
  rangeOf(identityId: string): [number, number];
}

/** The first position in [0, length) whose key is not below `key`; keys ascend. */
function lowerBound(length: number, below: (k: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bucket of built findings (the per-account, per-credential and per-rule kinds: thousands, not millions). */
export class ObjectRun implements FindingRun {
  constructor(
    readonly code: FindingCode,
    readonly severity: Severity,
    private readonly findings: Finding[],
  ) {}

  get length(): number {
    return this.findings.length;
  }

  at(k: number): Finding {
    return this.findings[k];
  }

  identityAt(k: number): string | null {
    return this.findings[k].identityId;
  }

  kindAt(k: number): IdentityKind | null {
    return this.findings[k].identityKind;
  }

  departmentAt(k: number): string | null {
    return this.findings[k].department;
  }

  systemIdsAt(k: number): string[] {
    return this.findings[k].systemIds;
  }

  rangeOf(identityId: string): [number, number] {
    // Sorted by compareFindings, which orders a missing identity as ''.
    const key = (k: number) => this.findings[k].identityId ?? '';
    const from = lowerBound(this.length, (k) => key(k) < identityId);
    const to = lowerBound(this.length, (k) => key(k) <= identityId);
    return [from, to];
  }
}

/**
 * Identities and entitlements by rank (code-unit order of their ids), so a pair finding is two
 * numbers and pairs in rank order are in the order compareFindings gives their ids.
 */
export class RiskRanks {
  readonly identityIds: string[];
  private readonly kinds: IdentityKind[];
  private readonly departments: Array<string | null>;
  private readonly identityRank = new Map<string, number>();
  readonly entitlements: EntitlementFacts[];
  private readonly systemIds: string[][];
  private readonly entitlementRank = new Map<string, number>();

  constructor(data: RiskData) {
    this.identityIds = [...data.identities.keys()].sort(cmp);
    this.identityIds.forEach((id, rank) => this.identityRank.set(id, rank));
    this.kinds = this.identityIds.map((id) => data.identities.get(id)!.kind);
    this.departments = this.identityIds.map((id) => departmentOf(data, id));
    this.entitlements = [...data.entitlements.values()].sort((a, b) => cmp(a.id, b.id));
    this.entitlements.forEach((e, rank) => this.entitlementRank.set(e.id, rank));
    // One array per entitlement, shared by all its findings' facets.
    this.systemIds = this.entitlements.map((e) => (e.systemId ? [e.systemId] : []));
  }

  rankOfIdentity(id: string): number | undefined {
    return this.identityRank.get(id);
  }

  rankOfEntitlement(id: string): number | undefined {
    return this.entitlementRank.get(id);
  }

  kind(rank: number): IdentityKind {
    return this.kinds[rank];
  }

  department(rank: number): string | null {
    return this.departments[rank];
  }

  systemIdsOf(rank: number): string[] {
    return this.systemIds[rank];
  }
}

/** Builds the finding of one (identity, entitlement) pair from the number its run kept for it. */
export type PairFindingMaker = (identityId: string, e: EntitlementFacts, value: number) => Finding;

/**
 * A bucket of per-(identity, entitlement) findings held as columns: 16 bytes each where a built
 * finding with its reason took about a kilobyte (6M of them at L). The finding is built when read.
 */
export class PairRun implements FindingRun {
  private readonly identities = new UintList();
  private readonly entitlementRanks = new UintList();
  private readonly values = new FloatList();

  constructor(
    readonly code: FindingCode,
    readonly severity: Severity,
    private readonly ranks: RiskRanks,
    private readonly make: PairFindingMaker,
  ) {}

  get length(): number {
    return this.identities.length;
  }

  /** Pairs must come in (identity rank, entitlement rank) order: positions are the list's order. */
  push(identityRank: number, entitlementRank: number, value: number): void {
    const last = this.length - 1;
    if (last >= 0) {
      const prior = this.identities.get(last);
      if (identityRank < prior || (identityRank === prior && entitlementRank <= this.entitlementRanks.get(last))) {
        throw new Error(`${this.code} pairs out of order at ${this.length}`);
      }
    }
    this.identities.push(identityRank);
    this.entitlementRanks.push(entitlementRank);
    this.values.push(value);
  }

  at(k: number): Finding {
    return this.make(this.ranks.identityIds[this.identities.get(k)], this.ranks.entitlements[this.entitlementRanks.get(k)], this.values.get(k));
  }

  identityAt(k: number): string {
    return this.ranks.identityIds[this.identities.get(k)];
  }

  kindAt(k: number): IdentityKind {
    return this.ranks.kind(this.identities.get(k));
  }

  departmentAt(k: number): string | null {
    return this.ranks.department(this.identities.get(k));
  }

  systemIdsAt(k: number): string[] {
    return this.ranks.systemIdsOf(this.entitlementRanks.get(k));
  }

  rangeOf(identityId: string): [number, number] {
    const rank = this.ranks.rankOfIdentity(identityId);
    if (rank === undefined) return [0, 0];
    const from = lowerBound(this.length, (k) => this.identities.get(k) < rank);
    const to = lowerBound(this.length, (k) => this.identities.get(k) <= rank);
    return [from, to];
  }
}

/**
 * Fills the two runs of one per-pair kind, split by whether the entitlement is privileged, identity by
 * identity in rank order. `pairsOf` names one identity's pairs (entitlement rank and the run's number)
 * in any order; the order the runs need is kept here.
 */
export async function fillByPrivilege(
  ranks: RiskRanks,
  runs: { privileged: PairRun; plain: PairRun },
  pairsOf: (identityId: string, add: (entitlementRank: number, value: number) => void) => void,
): Promise<void> {
  const found: Array<[entitlementRank: number, value: number]> = [];
  const add = (entitlementRank: number, value: number) => found.push([entitlementRank, value]);
  // 100k identities at L, each scored against its peers: other requests go between slices.
  const turns = new EventLoopTurns();
  for (let identityRank = 0; identityRank < ranks.identityIds.length; identityRank++) {
    if (turns.due()) await turns.pause();
    found.length = 0;
    pairsOf(ranks.identityIds[identityRank], add);
    found.sort((a, b) => a[0] - b[0]);
    for (const [rank, value] of found) (ranks.entitlements[rank].privileged ? runs.privileged : runs.plain).push(identityRank, rank, value);
  }
}
