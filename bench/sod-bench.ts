import type { GraphStore } from '../src/store/port';
import { evaluateSod, loadSodRules } from '../src/sod/sod-service';
import { readCatalog } from '../src/sod/sod-data';

/**
 * 100 SoD rules over the benchmark enterprise: pairs of privileged entitlements, a fifth of them
 * written as selectors (system + privileged), so a full scan resolves selectors as real rule sets do.
 */
export function benchRules(privileged: Array<{ id: string; systemId: string | null }>): string {
  const lines = ['version: bench', 'rules:'];
  const n = privileged.length;
  for (let k = 0; k < 100; k++) {
    const left = privileged[k % n];
    let right = privileged[(k * 7 + 3) % n];
    if (right.id === left.id) right = privileged[(k + 1) % n];
    const rightSide = k % 5 === 0 && right.systemId ? `[{ system: "${right.systemId}", privileged: true }]` : `["${right.id}"]`;
    lines.push(`  - { id: B${String(k).padStart(3, '0')}, name: "bench pair ${k}", severity: high, left: ["${left.id}"], right: ${rightSide} }`);
  }
  return lines.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchSod(store: GraphStore, runs = 5) {
  const catalog = await store.read(readCatalog);
  const privileged = catalog.filter((e) => e.privileged).sort((a, b) => a.id.localeCompare(b.id));
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
  };
}
