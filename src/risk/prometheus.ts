import type { MetricGroup } from './metrics';
import type { RiskEvaluation } from './risk-service';
import { Exposition, type Labels } from '../prometheus-exposition';

const findingsGrid = (groups: MetricGroup[], label: string) =>
  groups.flatMap((g) => g.findings.map((f): [Labels, number] => [{ [label]: g.key, code: f.code }, f.count]));

/**
 * The current risk metrics for /metrics, all gauges: each is a level now, not a running count.
 * Grids are complete (every code in every group, zeros included), so a series never vanishes when
 * its count drops to zero.
 */
export function renderPrometheus(ev: RiskEvaluation): string {
  const all = ev.metrics('NONE')[0];
  const kinds = ev.metrics('KIND');
  const systems = ev.metrics('SYSTEM');
  const departments = ev.metrics('DEPARTMENT');
  const out = new Exposition();
  out.gauge('whohas_graph_info', 'The graph version the metrics describe (changes with every successful ingest).', [[{ graph_version: ev.graphVersion }, 1]]);
  out.gauge('whohas_risk_evaluated_timestamp_seconds', 'When the metrics were computed (Unix time).', [[{}, Date.parse(ev.evaluatedAt) / 1000]]);
  if (!all) return out.toString();
  out.gauge('whohas_risk_findings', 'Risk findings by code (docs/bi.md lists the codes).', all.findings.map((f) => [{ code: f.code }, f.count]));
  out.gauge('whohas_risk_finding_identities', 'Distinct identities with at least one finding of the code.', all.findings.map((f) => [{ code: f.code }, f.identities]));
  out.gauge('whohas_risk_findings_by_severity', 'Risk findings by severity.', all.bySeverity.map((s) => [{ severity: s.severity }, s.count]));
  out.gauge('whohas_risk_department_findings', "Risk findings by the identity's department (a service's or agent's owner's) and code.", findingsGrid(departments, 'department'));
  out.gauge('whohas_risk_system_findings', 'Risk findings by system and code.', findingsGrid(systems, 'system'));
  out.gauge('whohas_risk_identities_with_findings', 'Identities with at least one finding.', [[{}, all.identitiesWithFindings]]);
  out.gauge('whohas_risk_score_band_identities', 'Identities per risk score band (none 0, low <25, medium <50, high <75, critical >=75).', all.scoreDistribution.map((b) => [{ band: b.band }, b.identities]));
  out.gauge('whohas_risk_score_mean', 'Mean identity risk score (0-100).', [[{}, all.meanScore]]);
  out.gauge('whohas_risk_score_max', 'Highest identity risk score (0-100).', [[{}, all.maxScore]]);
  out.gauge('whohas_identities', 'Identities by kind.', kinds.filter((g) => g.key !== '(none)').map((g) => [{ kind: g.key }, g.identities]));
  out.gauge('whohas_department_identities', "Identities by department (a service's or agent's owner's).", departments.map((g) => [{ department: g.key }, g.identities]));
  out.gauge(
    'whohas_accounts',
    'Accounts by system and status.',
    systems.filter((g) => g.accounts > 0).flatMap((g): Array<[Labels, number]> => [
      [{ system: g.key, status: 'enabled' }, g.enabledAccounts],
      [{ system: g.key, status: 'disabled' }, g.accounts - g.enabledAccounts],
    ]),
  );
  out.gauge('whohas_privileged_grants', 'Active effective-access pairs to privileged entitlements, by system.', systems.map((g) => [{ system: g.key }, g.privilegedGrants]));
  if (all.nhiToHumanRatio !== null) {
    out.gauge('whohas_nhi_per_human', 'Active services and agents per active human.', [[{}, all.nhiToHumanRatio]]);
  }
  return out.toString();
}
