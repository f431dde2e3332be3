import type { GraphStore } from '../../store/port';
import { departmentOf } from '../risk-data';
import type { RiskEvaluation } from '../risk-service';
import { bandOf } from '../scores';
import { riskHistory } from '../snapshot';
import { identityPages } from './access-table';
import { csvLine, csvList, type RowView } from './csv';

export const IDENTITY_COLUMNS = [
  'identity_id', 'kind', 'display_name', 'email', 'department', 'risk_department', 'title', 'status', 'owner_id', 'manager_id', 'created_at', 'terminated_at',
  'risk_score', 'risk_raw_score', 'risk_band', 'finding_count', 'top_factor_code', 'evaluated_at', 'graph_version',
] as const;

export const FINDING_COLUMNS = [
  'finding_id', 'code', 'severity', 'identity_id', 'identity_kind', 'department', 'subject_type', 'subject_id', 'system_ids', 'reason',
  'evidence_ids', 'evaluated_at', 'graph_version',
] as const;

export const HISTORY_COLUMNS = ['run_id', 'run_seq', 'graph_version', 'taken_at', 'metric', 'value'] as const;

const FINDINGS_PER_CHUNK = 5000;

/** Identities read from the store a page at a time, each with its score from the evaluation. */
export async function* identitiesCsv(store: GraphStore, ev: RiskEvaluation, view: RowView = (v) => v): AsyncGenerator<string> {
  yield csvLine(IDENTITY_COLUMNS);
  for await (const page of identityPages(store, 1000)) {
    yield page
      .map((i) => {
        const s = ev.scores.get(i.id);
        const score = s?.score ?? 0;
        return csvLine(view([
          i.id, i.kind, i.displayName, i.email, i.department, departmentOf(ev.data, i.id), i.title, i.status, i.ownerId, i.managerId, i.createdAt, i.terminatedAt,
          score, s?.rawScore ?? 0, bandOf(score), ev.findings.countOf(i.id), s?.factors[0]?.code ?? null, ev.evaluatedAt, ev.graphVersion,
        ]));
      })
      .join('');
  }
}

/** The evaluation's findings, built and written a few thousand lines at a time (millions at L). */
export async function* findingsCsv(ev: RiskEvaluation, view: RowView = (v) => v): AsyncGenerator<string> {
  yield csvLine(FINDING_COLUMNS);
  for (let i = 0; i < ev.findings.length; i += FINDINGS_PER_CHUNK) {
    yield ev.findings
      .slice(i, i + FINDINGS_PER_CHUNK)
      .map((f) =>
        csvLine(view([
          f.id, f.code, f.severity, f.identityId, f.identityKind, f.department, f.subjectType, f.subjectId, csvList(f.systemIds), f.reason,
          csvList(f.evidence), ev.evaluatedAt, ev.graphVersion,
        ])),
      )
      .join('');
  }
}

/** Long format (one row per run and metric): new metrics add rows, never columns, so the header never changes. */
export async function* metricsHistoryCsv(store: GraphStore): AsyncGenerator<string> {
  yield csvLine(HISTORY_COLUMNS);
  for await (const s of riskHistory(store, null)) {
    yield Object.keys(s.metrics)
      .sort()
      .map((metric) => csvLine([s.runId, s.seq, s.graphVersion, s.takenAt, metric, s.metrics[metric]]))
      .join('');
  }
}
