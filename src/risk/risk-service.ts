import { readGraphVersion } from '../graph-version';
import { peerModel } from '../read/peers-reader';
import { readRuleSet } from '../sod/rule-store';
import { evaluateSod } from '../sod/sod-service';
import type { GraphStore } from '../store/port';
import { evaluateFindings } from './evaluate-findings';
import type { Finding } from './finding';
import type { FindingList } from './finding-list';
import { riskMetrics, type GroupBy, type MetricGroup } from './metrics';
import { readRiskData, type RiskData } from './risk-data';
import { riskThresholds } from './risk-settings';
import { scoreAll, type IdentityScore } from './scores';
import { thresholdsKey, type RiskThresholds } from './thresholds';
import { graphCache } from '../store/graph-caches';

export interface RiskEvaluation {
  graphVersion: string;
  ruleSetVersion: string | null;
  evaluatedAt: string;
  thresholds: RiskThresholds;
  data: RiskData;
  findings: FindingList;
  scores: Map<string, IdentityScore>;
  /** One identity's findings, worst first. */
  findingsOf(identityId: string): Finding[];
  metrics(groupBy: GroupBy): MetricGroup[];
}

interface Cached {
  key: string;
  at: number;
  value: Promise<RiskEvaluation>;
}

/** How far from its instant one evaluation serves the same graph (a scrape every 15 s must not recompute). */
export const RISK_REUSE_MS = 5 * 60_000;
const cache = graphCache<Cached>();

/**
 * Findings, scores and metrics of the whole graph, computed in one pass (seconds on a large graph) and
 * shared by every request while the graph, the SoD rules and the thresholds stay the same, for up to
 * RISK_REUSE_MS after the instant it was computed for: dormancy and credential age move by the day, and
 * `evaluatedAt` tells the client which instant it got. A new ingest or rule set starts a new pass at once.
 */
export async function evaluateRisk(store: GraphStore, now: string, opts: { thresholds?: RiskThresholds; fresh?: boolean } = {}): Promise<RiskEvaluation> {
  const t = opts.thresholds ?? riskThresholds(store);
  const { graphVersion, ruleSet } = await store.read(async (tx) => ({ graphVersion: await readGraphVersion(tx), ruleSet: await readRuleSet(tx) }));
  const key = `${graphVersion}|${ruleSet?.version ?? '-'}|${thresholdsKey(t)}`;
  const at = Date.parse(now);
  const hit = cache.get(store);
  // Either side of the cached instant: a request that took its clock reading just before the pass started is served too.
  if (hit?.key === key && Math.abs(at - hit.at) < RISK_REUSE_MS && !opts.fresh) return hit.value;
  const value = compute(store, now, t, ruleSet?.version ?? null);
  cache.set(store, { key, at, value });
  value.catch(() => cache.get(store)?.value === value && cache.delete(store));
  forgetWhenPast(store, key, at);
  return value;
}

/**
 * Past its window an evaluation can serve no request on the wall clock, and an idle server should not
 * hold it (gigabytes at L). Its own function: a closure beside one that names the evaluation would
 * share that scope and keep the evaluation alive for the timer's whole wait.
 */
function forgetWhenPast(store: GraphStore, key: string, at: number): void {
  setTimeout(() => {
    const entry = cache.get(store);
    if (entry?.key === key && entry.at === at) cache.delete(store);
  }, RISK_REUSE_MS).unref();
}

async function compute(store: GraphStore, now: string, t: RiskThresholds, ruleSetVersion: string | null): Promise<RiskEvaluation> {
  const data = await store.read((tx) => readRiskData(tx, now, t));
  const sod = await evaluateSod(store, now);
  const findings = await evaluateFindings(data, t, sod, await peerModel(store, now));
  const scores = await scoreAll(data.identities.keys(), findings, t);
  const memo = new Map<GroupBy, MetricGroup[]>();
  return {
    graphVersion: data.graphVersion,
    ruleSetVersion,
    evaluatedAt: now,
    thresholds: t,
    data,
    findings,
    scores,
    findingsOf: (identityId) => findings.of(identityId),
    metrics(groupBy) {
      let groups = memo.get(groupBy);
      if (!groups) memo.set(groupBy, (groups = riskMetrics(data, findings, scores, groupBy)));
      return groups;
    },
  };
}
