import { readGraphVersion } from '../graph-version';
import type { GraphStore } from '../store/port';
import type { ControlGraph } from './control';
import { WhohasError } from '../errors';
import { evidenceHolders, violationCandidates, violationsOf, type AccessMap, type HeldMap, type Violation } from './evaluate';
import { readRuleSet, writeRuleSet } from './rule-store';
import { parseRuleDocument, type RuleSet } from './rules';
import { emptySides, resolveRules, type ResolvedRule } from './selectors';
import { Evidence } from './evidence';
import { readCatalog, readControl, readHeld } from './sod-data';
import { graphCache } from '../store/graph-caches';

export interface SodEvaluation {
  ruleSet: RuleSet;
  rules: ResolvedRule[];
  violations: Violation[];
  /** Who holds which rule entitlements now. */
  held: HeldMap;
  /**
   * The paths behind these identities' rule holdings, read once per evaluation (a what-if needs its
   * identities' evidence, never the whole index's). Refused with GRAPH_MOVED once an ingest has
   * replaced the graph this evaluation describes.
   */
  accessFor(identityIds: Iterable<string>, nowIso: string): Promise<AccessMap>;
  control: ControlGraph;
  graphVersion: string;
  evaluatedAt: string;
  /**
   * The first instant at which the answer can change with time alone: a held pair, a control edge, a
   * violator's path or a mitigation expires (null: none will). Until then, on the same graph and rule
   * set, the evaluation answers for any later instant.
   */
  validUntil: string | null;
}

interface Cached {
  key: string;
  value: Promise<SodEvaluation | null>;
}
const cache = graphCache<Cached>();

/**
 * Every violation of the loaded rule set, computed in one pass and reused while the graph and the
 * rule set stay the same and nothing in it has expired since (SodEvaluation.validUntil). It used to be
 * recomputed every minute: 1.6 s at L, paid by whichever request came first in the minute.
 */
export async function evaluateSod(store: GraphStore, nowIso: string, opts: { fresh?: boolean } = {}): Promise<SodEvaluation | null> {
  const { ruleSet, graphVersion } = await store.read(async (tx) => ({ ruleSet: await readRuleSet(tx), graphVersion: await readGraphVersion(tx) }));
  if (!ruleSet) return null;
  const key = `${graphVersion}|${ruleSet.version}`;
  for (let hit = cache.get(store); hit?.key === key && !opts.fresh; hit = cache.get(store)) {
    const ev = await hit.value.catch(() => null);
    if (ev && answersFor(ev, nowIso)) return ev;
    // Another request may have started a newer evaluation meanwhile: wait for that one instead.
    if (cache.get(store) === hit) break;
  }
  const value = store.read(async (tx): Promise<SodEvaluation> => {
    const rules = resolveRules(ruleSet.rules, await readCatalog(tx));
    const ids = [...new Set(rules.flatMap((r) => [...r.left, ...r.right]))];
    // Holdings first, without paths; the evidence is read for the violators and those they control only.
    const { held, nextLapse } = await readHeld(tx, ids, nowIso);
    const control = await readControl(tx, nowIso);
    const candidates = violationCandidates(rules, held, control);
    const evidence = new Evidence(store, graphVersion, held, ids, nowIso);
    const found = await evidence.load(tx, evidenceHolders(new Set(candidates.map((c) => c.identityId)), control));
    const violations = violationsOf(candidates, found, control, nowIso);
    const validUntil = earliest([nextLapse, control.nextExpiry(), evidence.nextExpiry(), nextMitigationExpiry(ruleSet, nowIso)]);
    return {
      ruleSet, rules, held, control, violations, graphVersion, evaluatedAt: nowIso, validUntil,
      accessFor: (identityIds, at) => evidence.of(identityIds, at),
    };
  });
  cache.set(store, { key, value });
  value.catch(() => cache.delete(store));
  return value;
}

/** An earlier instant may see an edge or a path that has expired since: only later ones are answered. */
function answersFor(ev: SodEvaluation, nowIso: string): boolean {
  return ev.evaluatedAt <= nowIso && (ev.validUntil === null || nowIso < ev.validUntil);
}

function nextMitigationExpiry(ruleSet: RuleSet, nowIso: string): string | null {
  return earliest(ruleSet.rules.flatMap((r) => r.mitigations.map((m) => (m.expiry && m.expiry > nowIso ? m.expiry : null))));
}

function earliest(instants: Array<string | null>): string | null {
  let first: string | null = null;
  for (const t of instants) if (t !== null && (first === null || t < first)) first = t;
  return first;
}

/** True for the refusal of an evaluation whose graph an ingest has replaced (see SodEvaluation.accessFor). */
export const graphMoved = (e: unknown): boolean => e instanceof WhohasError && e.code === 'GRAPH_MOVED';

/** Runs `use` on the current evaluation, and once more on a fresh one if an ingest replaced the graph under the first. */
export async function withSodEvaluation<T>(store: GraphStore, nowIso: string, use: (ev: SodEvaluation | null) => Promise<T>): Promise<T> {
  try {
    return await use(await evaluateSod(store, nowIso));
  } catch (e) {
    if (!graphMoved(e)) throw e;
    return use(await evaluateSod(store, nowIso, { fresh: true }));
  }
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
