import type { SodEvaluation } from './sod-service';

interface Count {
  key: string;
  open: number;
  mitigated: number;
}

/** Counts for dashboards; every number traces back to `sodViolations` with the same filter. */
export function summarise(ev: SodEvaluation | null, departments: Map<string, string | null>) {
  const tallies = { byRule: new Map<string, Count>(), bySeverity: new Map<string, Count>(), byDepartment: new Map<string, Count>(), byKind: new Map<string, Count>() };
  let open = 0;
  let mitigated = 0;
  const severity = new Map(ev?.rules.map((r) => [r.rule.id, r.rule.severity]) ?? []);
  for (const v of ev?.violations ?? []) {
    const isMitigated = v.mitigation !== null;
    if (isMitigated) mitigated++;
    else open++;
    const bump = (map: Map<string, Count>, key: string) => {
      const c = map.get(key) ?? { key, open: 0, mitigated: 0 };
      if (isMitigated) c.mitigated++;
      else c.open++;
      map.set(key, c);
    };
    bump(tallies.byRule, v.ruleId);
    bump(tallies.bySeverity, severity.get(v.ruleId) ?? 'unknown');
    bump(tallies.byDepartment, departments.get(v.identityId) ?? '(none)');
    bump(tallies.byKind, v.kind);
  }
  const sorted = (m: Map<string, Count>) => [...m.values()].sort((a, b) => b.open + b.mitigated - (a.open + a.mitigated) || a.key.localeCompare(b.key));
  return {
    ruleSetVersion: ev?.ruleSet.version ?? null,
    open,
    mitigated,
    byRule: sorted(tallies.byRule),
    bySeverity: sorted(tallies.bySeverity),
    byDepartment: sorted(tallies.byDepartment),
    byKind: sorted(tallies.byKind),
  };
}
