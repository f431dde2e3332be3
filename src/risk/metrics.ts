import { FINDING_CODES, SEVERITIES, type FindingCode, type Severity } from './catalog';
import { cmp } from './finding';
import type { FindingList } from './finding-list';
import type { FindingRun } from './finding-runs';
import { departmentOf, type RiskData } from './risk-data';
import { bandOf, SCORE_BANDS, type IdentityScore, type ScoreBand } from './scores';

export const GROUP_BYS = ['DEPARTMENT', 'SYSTEM', 'KIND', 'NONE'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
/** The group of things that belong to no department, system or kind (an account nobody owns, an identity with no account). */
export const NO_GROUP = '(none)';
export const ALL = 'all';
const ALL_KEYS = [ALL];
const NO_GROUP_KEYS = [NO_GROUP];

export interface MetricGroup {
  key: string;
  identities: number;
  humans: number;
  services: number;
  agents: number;
  /** Active services and agents per active human (null when the group has no active human). */
  nhiToHumanRatio: number | null;
  accounts: number;
  enabledAccounts: number;
  /** Active (identity, entitlement) pairs of the effective-access index whose entitlement is privileged. */
  privilegedGrants: number;
  findingsTotal: number;
  identitiesWithFindings: number;
  findings: Array<{ code: FindingCode; count: number; identities: number }>;
  bySeverity: Array<{ severity: Severity; count: number }>;
  scoreDistribution: Array<{ band: ScoreBand; identities: number }>;
  meanScore: number;
  maxScore: number;
}

class Tally {
  identities = new Set<string>();
  kinds = { human: 0, service: 0, agent: 0 };
  active = { human: 0, nhi: 0 };
  accounts = 0;
  enabledAccounts = 0;
  privilegedGrants = 0;
  findings = new Map<FindingCode, { count: number; identities: Set<string> }>();
  severities = new Map<Severity, number>();
  flagged = new Set<string>();
  total = 0;
}

function keysOfIdentity(data: RiskData, groupBy: GroupBy, id: string, systemsOf: Map<string, Set<string>>): string[] {
  if (groupBy === 'NONE') return [ALL];
  if (groupBy === 'KIND') return [data.identities.get(id)?.kind ?? NO_GROUP];
  if (groupBy === 'DEPARTMENT') return [departmentOf(data, id) ?? NO_GROUP];
  const systems = systemsOf.get(id);
  return systems?.size ? [...systems] : [NO_GROUP];
}

function keysOfFinding(groupBy: GroupBy, run: FindingRun, k: number): string[] {
  if (groupBy === 'NONE') return ALL_KEYS;
  if (groupBy === 'KIND') return [run.kindAt(k) ?? NO_GROUP];
  if (groupBy === 'DEPARTMENT') return [run.departmentAt(k) ?? NO_GROUP];
  const systems = run.systemIdsAt(k);
  return systems.length ? systems : NO_GROUP_KEYS;
}

/** Counts per group; every number is reproducible from `findings` and the exports with the same grouping. */
export function riskMetrics(data: RiskData, findings: FindingList, scores: Map<string, IdentityScore>, groupBy: GroupBy): MetricGroup[] {
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = new Tally()));
    return t;
  };
  const systemsOf = new Map<string, Set<string>>();
  for (const a of data.accountCounts) {
    if (!a.identityId) continue;
    const set = systemsOf.get(a.identityId) ?? new Set<string>();
    systemsOf.set(a.identityId, set.add(a.systemId));
  }
  // Worked out once per identity: the access loop below asks for every held pair.
  const keysOf = new Map<string, string[]>();
  for (const id of data.identities.keys()) keysOf.set(id, keysOfIdentity(data, groupBy, id, systemsOf));
  const identityKeys = (id: string) => keysOf.get(id) ?? [groupBy === 'NONE' ? ALL : NO_GROUP];
  for (const i of data.identities.values()) {
    for (const key of identityKeys(i.id)) {
      const t = tally(key);
      t.identities.add(i.id);
      t.kinds[i.kind]++;
      if (i.status === 'active') t.active[i.kind === 'human' ? 'human' : 'nhi']++;
    }
  }
  for (const a of data.accountCounts) {
    const keys = groupBy === 'SYSTEM' ? [a.systemId] : a.identityId ? identityKeys(a.identityId) : [groupBy === 'NONE' ? ALL : NO_GROUP];
    for (const key of keys) {
      tally(key).accounts += a.accounts;
      if (a.status === 'enabled') tally(key).enabledAccounts += a.accounts;
    }
  }
  for (const [identityId, held] of data.access) {
    for (const entitlementId of held.entitlementIds) {
      const e = data.entitlements.get(entitlementId);
      if (!e?.privileged) continue;
      const keys = groupBy === 'SYSTEM' ? [e.systemId ?? NO_GROUP] : identityKeys(identityId);
      for (const key of keys) tally(key).privilegedGrants++;
    }
  }
  // By position: a finding's reason and evidence are never built for a count.
  for (const run of findings.runs) {
    for (let k = 0; k < run.length; k++) {
      const identityId = run.identityAt(k);
      for (const key of keysOfFinding(groupBy, run, k)) {
        const t = tally(key);
        t.total++;
        let c = t.findings.get(run.code);
        if (!c) t.findings.set(run.code, (c = { count: 0, identities: new Set<string>() }));
        c.count++;
        if (identityId) {
          c.identities.add(identityId);
          t.flagged.add(identityId);
        }
        t.severities.set(run.severity, (t.severities.get(run.severity) ?? 0) + 1);
      }
    }
  }
  const keys = [...tallies.keys()].sort((a, b) => Number(a === NO_GROUP) - Number(b === NO_GROUP) || cmp(a, b));
  return keys.map((key) => toGroup(key, tallies.get(key)!, scores));
}

function toGroup(key: string, t: Tally, scores: Map<string, IdentityScore>): MetricGroup {
  const bands = new Map<ScoreBand, number>();
  let sum = 0;
  let max = 0;
  for (const id of t.identities) {
    const s = scores.get(id)?.score ?? 0;
    sum += s;
    max = Math.max(max, s);
    bands.set(bandOf(s), (bands.get(bandOf(s)) ?? 0) + 1);
  }
  return {
    key,
    identities: t.identities.size,
    humans: t.kinds.human,
    services: t.kinds.service,
    agents: t.kinds.agent,
    nhiToHumanRatio: t.active.human ? Math.round((t.active.nhi / t.active.human) * 10_000) / 10_000 : null,
    accounts: t.accounts,
    enabledAccounts: t.enabledAccounts,
    privilegedGrants: t.privilegedGrants,
    findingsTotal: t.total,
    identitiesWithFindings: t.flagged.size,
    findings: FINDING_CODES.map((code) => ({ code, count: t.findings.get(code)?.count ?? 0, identities: t.findings.get(code)?.identities.size ?? 0 })),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: t.severities.get(severity) ?? 0 })),
    scoreDistribution: SCORE_BANDS.map(({ band }) => ({ band, identities: bands.get(band) ?? 0 })),
    meanScore: t.identities.size ? Math.round((sum / t.identities.size) * 100) / 100 : 0,
    maxScore: max,
  };
}
