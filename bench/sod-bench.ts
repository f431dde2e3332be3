import type { GraphStore } from '../src/store/port';
import { evaluateSod, loadSodRules } from '../src/sod/sod-service';
import { readCatalog } from '../src/sod/sod-data';
import type { NaiveBaseline, NaiveFigure } from './naive';
import { median } from './stats';

type Priv = { id: string; systemId: string | null };

/** One bench rule, with its sides resolved to entitlement ids for the naive baseline. */
interface BenchRule {
  line: string;
  left: string[];
  right: string[];
}

/**
 * 100 SoD rules over the benchmark enterprise: pairs of privileged entitlements, a fifth of them
 * written as selectors (system + privileged), so a full scan resolves selectors as real rule sets do.
 */
export function benchRuleSet(privileged: Priv[]): BenchRule[] {
  const n = privileged.length;
  const rules: BenchRule[] = [];
  for (let k = 0; k < 100; k++) {
    const left = privileged[k % n];
    let right = privileged[(k * 7 + 3) % n];
    if (right.id === left.id) right = privileged[(k + 1) % n];
    const bySystem = k % 5 === 0 && right.systemId;
    const rightSide = bySystem ? `[{ system: "${right.systemId}", privileged: true }]` : `["${right.id}"]`;
    rules.push({
      line: `  - { id: B${String(k).padStart(3, '0')}, name: "bench pair ${k}", severity: high, left: ["${left.id}"], right: ${rightSide} }`,
      left: [left.id],
      right: bySystem ? privileged.filter((p) => p.systemId === right.systemId).map((p) => p.id) : [right.id],
    });
  }
  return rules;
}

export function benchRules(privileged: Priv[]): string {
  return ['version: bench', 'rules:', ...benchRuleSet(privileged).map((r) => r.line)].join('\n') + '\n';
}

/**
 * The naive full scan: one two-walk query per rule, in sequence. Stops at the first rule that hits
 * the per-query limit, or once the scan has used `budget` per-query limits; either way the total is
 * then a lower bound.
 */
async function naiveScan(naive: NaiveBaseline, rules: BenchRule[], budget = 3): Promise<NaiveFigure & { rulesRun: number }> {
  let total = 0;
  let rulesRun = 0;
  for (const rule of rules) {
    const r = await naive.once('bench/naive-sod-pair', { left: rule.left, right: rule.right });
    if (!r) return { ...naive.result([], 1, total + naive.limitMs), rulesRun };
    total += r.ms;
    rulesRun++;
    if (total > budget * naive.limitMs && rulesRun < rules.length) return { ...naive.result([], 1, total), rulesRun };
  }
  return { ...naive.result([total], 0), rulesRun };
}

export async function benchSod(store: GraphStore, naive: NaiveBaseline | null, runs = 5) {
  const catalog = await store.read(readCatalog);
  const privileged = catalog.filter((e) => e.privileged).sort((a, b) => a.id.localeCompare(b.id));
  const rules = benchRuleSet(privileged);
  const loaded = await loadSodRules(store, benchRules(privileged), 'bench-rules.yaml', new Date());
  const times: number[] = [];
  let violations = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const ev = await evaluateSod(store, new Date().toISOString(), { fresh: true });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    violations = ev?.violations.length ?? 0;
  }
  return {
    rules: loaded.ruleSet.rules.length,
    privilegedEntitlements: privileged.length,
    violations,
    fullScanMs: { median: +median(times).toFixed(1), min: +Math.min(...times).toFixed(1), max: +Math.max(...times).toFixed(1), runs },
    naive: naive ? await naiveScan(naive, rules) : null,
  };
}
