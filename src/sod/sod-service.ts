import { readGraphVersion } from '../graph-version';
import type { GraphStore } from '../store/port';
import type { ControlGraph } from './control';
import { findViolations, type AccessMap, type Violation } from './evaluate';
import { readRuleSet, writeRuleSet } from './rule-store';
import { parseRuleDocument, type RuleSet } from './rules';
import { emptySides, resolveRules, type ResolvedRule } from './selectors';
import { readAccess, readCatalog, readControl } from './sod-data';
import { graphCache } from '../store/graph-caches';

export interface SodEvaluation {
  ruleSet: RuleSet;
  rules: ResolvedRule[];
  violations: Violation[];
  access: AccessMap;
  control: ControlGraph;
  graphVersion: string;
  evaluatedAt: string;
}

interface Cached {
  key: string;
  value: Promise<SodEvaluation | null>;
}
const cache = graphCache<Cached>();

/**
 * Every violation of the loaded rule set, computed in one pass and reused while the graph, the rule
 * set and the minute stay the same (expiries are minute-precise in practice; answers say when).
 */
export async function evaluateSod(store: GraphStore, nowIso: string, opts: { fresh?: boolean } = {}): Promise<SodEvaluation | null> {
  const { ruleSet, graphVersion } = await store.read(async (tx) => ({ ruleSet: await readRuleSet(tx), graphVersion: await readGraphVersion(tx) }));
  if (!ruleSet) return null;
  const key = `${graphVersion}|${ruleSet.version}|${nowIso.slice(0, 16)}`;
  const hit = cache.get(store);
  if (hit?.key === key && !opts.fresh) return hit.value;
  const value = store.read(async (tx) => {
    const rules = resolveRules(ruleSet.rules, await readCatalog(tx));
    const ids = [...new Set(rules.flatMap((r) => [...r.left, ...r.right]))];
    const access = await readAccess(tx, ids, nowIso);
    const control = await readControl(tx, nowIso);
    return { ruleSet, rules, access, control, violations: findViolations(rules, access, control, nowIso), graphVersion, evaluatedAt: nowIso };
  });
  cache.set(store, { key, value });
  value.catch(() => cache.delete(store));
  return value;
}

export async function currentRuleSet(store: GraphStore): Promise<RuleSet | null> {
  return store.read(readRuleSet);
}

export interface RuleLoadResult {
  ruleSet: RuleSet;
  /** Sides that match nothing in the graph today (allowed: the entitlement may be ingested later). */
  warnings: string[];
}

/** Validates the whole document first, then replaces the stored rule set in one write. */
export async function loadSodRules(store: GraphStore, text: string, fileName: string, now: Date): Promise<RuleLoadResult> {
  const ruleSet = parseRuleDocument(text, fileName, now);
  const catalog = await store.read(readCatalog);
  const warnings = emptySides(resolveRules(ruleSet.rules, catalog));
  await store.write((tx) => writeRuleSet(tx, ruleSet));
  return { ruleSet, warnings };
}
