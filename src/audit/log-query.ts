import type { DecisionEntry, DecisionTaken, LogEntry, SimulationEntry } from './records';

export interface LogFilter {
  /** A client name or the identity a client acted as. */
  requester?: string | null;
  /** An identity the simulation named or whose access it changed. */
  identityId?: string | null;
  since?: string | null;
  until?: string | null;
  /** The latest decision recorded for the simulation; NONE: no decision yet. */
  decision?: DecisionTaken | 'NONE' | null;
}

export interface SimulationHistory {
  simulation: SimulationEntry;
  /** What the caller did afterwards, oldest first. */
  decisions: DecisionEntry[];
}

/** Simulations with their decisions, newest first, filtered. */
export function simulationHistory(entries: readonly LogEntry[], filter: LogFilter): SimulationHistory[] {
  const decisions = new Map<string, DecisionEntry[]>();
  for (const e of entries) {
    if (e.type !== 'decision') continue;
    const list = decisions.get(e.simulationId);
    if (list) list.push(e);
    else decisions.set(e.simulationId, [e]);
  }
  const out: SimulationHistory[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.type !== 'simulation') continue;
    const item = { simulation: e, decisions: decisions.get(e.simulationId) ?? [] };
    if (matches(item, filter)) out.push(item);
  }
  return out;
}

function matches({ simulation: s, decisions }: SimulationHistory, f: LogFilter): boolean {
  if (f.requester && s.requester.client !== f.requester && s.requester.actingAs !== f.requester) return false;
  if (f.identityId && !s.touched.includes(f.identityId)) return false;
  if (f.since && s.at < f.since) return false;
  if (f.until && s.at >= f.until) return false;
  if (f.decision) {
    const latest = decisions[decisions.length - 1]?.decision ?? 'NONE';
    if (latest !== f.decision) return false;
  }
  return true;
}
