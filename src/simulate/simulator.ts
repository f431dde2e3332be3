import { randomUUID } from 'node:crypto';
import { WhohasError } from '../errors';
import { currentGraphVersion } from '../graph-version';
import type { Violation } from '../sod/evaluate';
import type { ResolvedRule } from '../sod/selectors';
import { evaluateSod, graphMoved } from '../sod/sod-service';
import type { GraphStore } from '../store/port';
import type { AccessModel } from './access-model';
import { reachOf } from './affected';
import { applyChange, emptySeeds } from './apply-change';
import type { Change, ChangeOutcome } from './changes';
import { accessDeltas, type AccessDelta } from './deltas';
import { loadAccessModel } from './model-reader';
import { sodDeltas } from './sod-deltas';
import { simulationSummary } from './summary';
import { WhatIfGraph } from './what-if';

export interface Simulation {
  id: string;
  graphVersion: string;
  simulatedAt: string;
  changes: Change[];
  outcomes: ChangeOutcome[];
  /** Identities the changes name, directly or as the owner of a named account. */
  namedIdentityIds: string[];
  deltas: AccessDelta[];
  lostCount: number;
  gainedCount: number;
  sodRuleSetVersion: string | null;
  /** The rules the SoD deltas were judged against (empty when none are loaded). */
  sodRules: ResolvedRule[];
  sodIntroduced: Violation[];
  sodResolved: Violation[];
  summary: string;
  /** Last use of an entitlement through the identity's own accounts, as of the simulated graph. */
  usageOf(identityId: string, entitlementId: string): { lastUsedAt: string | null; useCount: number };
  /** Milliseconds spent: loading the model (0 when cached), computing access, separation of duties. */
  timings: { modelMs: number; accessMs: number; sodMs: number };
}

export interface SimulatorOptions {
  maxPathsPerGrant: number;
  /** How many finished simulations stay in memory for paging their deltas by id. */
  keepResults?: number;
  /**
   * And how many identity deltas they may hold between them (the newest is always kept): one
   * 93,685-identity detachment at L holds about 58 MB, so fifty of them would pin 2.9 GB.
   */
  keepDeltas?: number;
}

const KEEP_RESULTS = 50;
const KEEP_DELTAS = 250_000;

/**
 * Answers "what exactly changes if I do this?" without writing to the graph. The access-relevant
 * graph is held in memory per graph version (loaded on first use after an ingest), each simulation
 * edits a copy-on-write overlay of it, and only identities the changes can reach are recomputed.
 */
export class Simulator {
  private model: { version: string; value: Promise<AccessModel> } | null = null;
  private readonly results = new Map<string, Simulation>();
  private keptDeltas = 0;

  constructor(
    private readonly store: GraphStore,
    private readonly opts: SimulatorOptions,
  ) {}

  async simulate(changes: Change[], baseGraphVersion: string | null, now: Date): Promise<Simulation> {
    const current = await currentGraphVersion(this.store);
    if (baseGraphVersion && baseGraphVersion !== current) throw stale(baseGraphVersion, current);
    const started = Date.now();
    const model = await this.modelAt(current);
    // An ingest that lands between the two reads: answer about the graph the model holds, unless the caller pinned one.
    if (baseGraphVersion && model.graphVersion !== baseGraphVersion) throw stale(baseGraphVersion, model.graphVersion);
    const modelMs = Date.now() - started;
    const nowIso = now.toISOString();

    const whatIf = new WhatIfGraph(model);
    const seeds = emptySeeds();
    const outcomes = changes.map((c, i) => applyChange(whatIf, model.facts, c, i, nowIso, seeds));
    const computeStart = Date.now();
    const reach = reachOf(model, whatIf, model.facts, seeds);
    const deltas = accessDeltas(model, whatIf, reach, { now: nowIso, maxPathsPerGrant: this.opts.maxPathsPerGrant });
    const accessMs = Date.now() - computeStart;

    const sodStart = Date.now();
    const ev = await evaluateSod(this.store, nowIso);
    // An ingest that lands meanwhile makes the SoD side unusable for this model, as a version mismatch does.
    const sodFound = ev !== null && ev.graphVersion === model.graphVersion
      ? await sodDeltas(ev, deltas, whatIf, seeds.delegations, nowIso).catch((e) => (graphMoved(e) ? null : Promise.reject(e)))
      : null;
    const sodUsable = ev !== null && sodFound !== null;
    const sod = sodFound ?? { introduced: [], resolved: [] };
    const sodMs = Date.now() - sodStart;

    const simulation: Simulation = {
      id: `sim-${randomUUID()}`,
      graphVersion: model.graphVersion,
      simulatedAt: nowIso,
      changes,
      outcomes,
      namedIdentityIds: namedIdentities(changes, model),
      deltas,
      lostCount: deltas.reduce((t, d) => t + d.lost.length, 0),
      gainedCount: deltas.reduce((t, d) => t + d.gained.length, 0),
      sodRuleSetVersion: sodUsable ? ev.ruleSet.version : null,
      sodRules: sodUsable ? ev.rules : [],
      sodIntroduced: sod.introduced,
      sodResolved: sod.resolved,
      summary: simulationSummary({ outcomes, deltas, sodIntroduced: sod.introduced, sodResolved: sod.resolved, sodEvaluated: sodUsable, facts: model.facts, now: nowIso }),
      timings: { modelMs, accessMs, sodMs },
      usageOf: (i, e) => model.facts.usage.get(`${i}\u0000${e}`) ?? { lastUsedAt: null, useCount: 0 },
    };
    this.remember(simulation);
    return simulation;
  }

  /** A recent simulation, for paging through its deltas; null once it has been pushed out. */
  recall(id: string): Simulation | null {
    return this.results.get(id) ?? null;
  }

  /** Whether an identity exists in the current graph (the model is loaded if needed). */
  async hasIdentity(id: string): Promise<boolean> {
    const model = await this.modelAt(await currentGraphVersion(this.store));
    return model.facts.identities.has(id);
  }

  /**
   * Told the graph version by every answered request: once simulations are in use, a new version
   * starts loading its model in the background, so the first simulation after an ingest does not
   * pay for it. A server nobody simulates on never holds a model.
   */
  noticeGraphVersion(version: string): void {
    if (!this.model || this.model.version === version) return;
    this.modelAt(version).catch(() => undefined); // a failed load is retried by the next simulation
  }

  private modelAt(version: string): Promise<AccessModel> {
    if (this.model?.version === version) return this.model.value;
    const value = loadAccessModel(this.store);
    const entry = { version, value };
    this.model = entry;
    value.catch(() => {
      if (this.model === entry) this.model = null;
    });
    return value;
  }

  private remember(simulation: Simulation): void {
    this.results.set(simulation.id, simulation);
    this.keptDeltas += simulation.deltas.length;
    const keep = this.opts.keepResults ?? KEEP_RESULTS;
    const keepDeltas = this.opts.keepDeltas ?? KEEP_DELTAS;
    // Oldest first (insertion order), never the one just made.
    for (const [id, kept] of this.results) {
      if (id === simulation.id || (this.results.size <= keep && this.keptDeltas <= keepDeltas)) break;
      this.results.delete(id);
      this.keptDeltas -= kept.deltas.length;
    }
  }
}

function namedIdentities(changes: Change[], model: AccessModel): string[] {
  const out = new Set<string>();
  const owner = (accountId: string) => model.facts.accounts.get(accountId)?.ownerId;
  for (const c of changes) {
    const ids = [
      'identityId' in c ? c.identityId : null,
      'fromId' in c ? c.fromId : null,
      'toId' in c ? c.toId : null,
      'accountId' in c ? owner(c.accountId) : null,
      'memberId' in c ? owner(c.memberId) : null,
      'holderId' in c ? owner(c.holderId) : null,
    ];
    for (const id of ids) if (id && model.facts.identities.has(id)) out.add(id);
  }
  return [...out].sort();
}

function stale(base: string, current: string): WhohasError {
  return new WhohasError(
    'STALE_GRAPH',
    `The graph has moved on since version ${base} (it is now ${current}); read what changed and simulate again against ${current}`,
    { graphVersion: current },
  );
}
