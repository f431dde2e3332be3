import { z } from 'zod';
import { errorMessage } from '../errors';
import { parseRows } from '../read/rows';
import type { GraphStore } from '../store/port';
import { FINDING_CODES, SEVERITIES } from './catalog';
import type { MetricGroup } from './metrics';
import { SCORE_BANDS } from './scores';
import { evaluateRisk } from './risk-service';
import { snapshotsSettled } from './snapshot-queue';
import type { RiskThresholds } from './thresholds';

/**
 * The metrics after each successful ingest run, kept in the graph store beside the run records (a
 * RiskSnapshot node per run) rather than in a file: they are backed up, replicated and restored with
 * the graph they describe, every server on a shared Neo4j sees one history, and they survive restarts.
 * A snapshot is written after the run commits, in its own write, so risk code can never fail an
 * ingest; should the process die between the two, the run has no point in the trend (riskTrend
 * points name their run, so the gap is visible) and the next run's snapshot carries on.
 */
export type FlatMetrics = Record<string, number>;

/** The whole-graph metrics as flat names (docs/bi.md lists them): what riskTrend and the history export carry. */
export function flattenMetrics(g: MetricGroup): FlatMetrics {
  const out: FlatMetrics = {
    identities: g.identities,
    humans: g.humans,
    services: g.services,
    agents: g.agents,
    accounts: g.accounts,
    enabledAccounts: g.enabledAccounts,
    privilegedGrants: g.privilegedGrants,
    findings: g.findingsTotal,
    identitiesWithFindings: g.identitiesWithFindings,
    meanScore: g.meanScore,
    maxScore: g.maxScore,
  };
  if (g.nhiToHumanRatio !== null) out.nhiToHumanRatio = g.nhiToHumanRatio;
  for (const f of g.findings) {
    out[`findings.${f.code}`] = f.count;
    out[`findingIdentities.${f.code}`] = f.identities;
  }
  for (const s of g.bySeverity) out[`severity.${s.severity}`] = s.count;
  for (const b of g.scoreDistribution) out[`scoreBand.${b.band}`] = b.identities;
  return out;
}

/** Every name a snapshot can carry (riskTrend refuses others, naming these). */
export function knownMetricNames(): string[] {
  const g = emptyGroup();
  g.nhiToHumanRatio = 0;
  g.findings = FINDING_CODES.map((code) => ({ code, count: 0, identities: 0 }));
  g.bySeverity = SEVERITIES.map((severity) => ({ severity, count: 0 }));
  g.scoreDistribution = SCORE_BANDS.map(({ band }) => ({ band, identities: 0 }));
  return Object.keys(flattenMetrics(g));
}

export interface RunRef {
  id: string;
  seq: number;
  graphVersion: string | null;
}

export async function recordRiskSnapshot(store: GraphStore, run: RunRef, nowIso: string, thresholds?: RiskThresholds): Promise<FlatMetrics> {
  const ev = await evaluateRisk(store, nowIso, { thresholds, fresh: true });
  const metrics = flattenMetrics(ev.metrics('NONE')[0] ?? emptyGroup());
  await store.write((tx) =>
    tx.run('risk/snapshot-record', {
      id: run.id,
      seq: run.seq,
      runId: run.id,
      graphVersion: ev.graphVersion,
      takenAt: nowIso,
      thresholds: JSON.stringify(ev.thresholds),
      metrics: JSON.stringify(metrics),
    }),
  );
  return metrics;
}

/** For the ingest path: never throws; says what went wrong instead (the run itself stands). */
export async function snapshotAfterIngest(store: GraphStore, run: RunRef, nowIso: string, thresholds?: RiskThresholds): Promise<string | null> {
  try {
    await recordRiskSnapshot(store, run, nowIso, thresholds);
    return null;
  } catch (e) {
    return `the risk metrics snapshot of this run could not be written (${errorMessage(e)}); riskTrend has no point for it`;
  }
}

function emptyGroup(): MetricGroup {
  return {
    key: 'all', identities: 0, humans: 0, services: 0, agents: 0, nhiToHumanRatio: null, accounts: 0, enabledAccounts: 0, privilegedGrants: 0,
    findingsTotal: 0, identitiesWithFindings: 0, findings: [], bySeverity: [], scoreDistribution: [], meanScore: 0, maxScore: 0,
  };
}

const SnapshotRow = z.object({
  id: z.string(),
  seq: z.union([z.number(), z.bigint()]).transform(Number),
  runId: z.string(),
  graphVersion: z.string().nullable().optional().transform((v) => v ?? null),
  takenAt: z.string(),
  metrics: z.string().transform((s) => z.record(z.string(), z.number()).parse(JSON.parse(s))),
});
export type SnapshotPoint = z.infer<typeof SnapshotRow>;

const HISTORY_PAGE = 500;

/** Every snapshot taken at or after `since`, oldest first, read a page at a time (history grows with every run). */
export async function* riskHistory(store: GraphStore, since: string | null): AsyncGenerator<SnapshotPoint> {
  await snapshotsSettled(store);
  let afterSeq = -1;
  for (;;) {
    const page = parseRows(SnapshotRow, await store.run('risk/snapshot-history', { since: since ?? '', afterSeq, limit: HISTORY_PAGE }), 'risk/snapshot-history');
    yield* page;
    if (page.length < HISTORY_PAGE) return;
    afterSeq = page[page.length - 1].seq;
  }
}
