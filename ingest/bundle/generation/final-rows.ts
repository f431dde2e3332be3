import type { Row } from '../../../src/store/port';
import type { LoadStamp } from '../load';
import { pairKey } from '../rows';

/**
 * What a full run leaves in a table, computed instead of written row by row: the run's rows, plus
 * the live rows it does not replace that survive its cleanup (another source's, or named by one of
 * its rejected records). The same outcome as MERGE + cleanup by update tag in the live graph
 * (load.ts), which the equivalence tests check table by table.
 */
export interface FinalRows {
  rows: Row[];
  /** Live rows of this source that the run neither supplies nor keeps: its `removed` count. */
  removed: number;
}

const stamped = (row: Row, stamp: LoadStamp): Row => ({ ...row, source: stamp.source, updateTag: stamp.tag });

/** Later rows win, as a later MERGE's SET does. */
function byKey(rows: Row[], key: (r: Row) => string): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) out.set(key(r), r);
  return out;
}

export function finalNodes(runRows: Row[], live: Row[], stamp: LoadStamp, keptIds: Iterable<string>): FinalRows {
  const run = byKey(runRows, (r) => String(r.id));
  const kept = new Set(keptIds);
  const rows = [...run.values()].map((r) => stamped(r, stamp));
  let removed = 0;
  for (const l of live) {
    const id = String(l.id);
    if (run.has(id)) continue;
    if (l.source !== stamp.source) rows.push(l);
    else if (kept.has(id)) rows.push({ ...l, updateTag: stamp.tag });
    else removed++;
  }
  return { rows, removed };
}

export const edgeKey = (r: Row): string => pairKey(String(r.fromId), String(r.toId));

/**
 * `live`: the other sources' edges of this kind, plus this source's edges from holders its rejected
 * records name (a superset of the kept pairs, narrowed here). `ofSource`: keys of every edge this
 * source holds now, for the removed count.
 */
export function finalEdges(runRows: Row[], live: Row[], ofSource: Iterable<string>, stamp: LoadStamp, keptPairs: Set<string>): FinalRows {
  const run = byKey(runRows, edgeKey);
  const rows = [...run.values()].map((r) => stamped(r, stamp));
  for (const l of live) {
    const key = edgeKey(l);
    if (run.has(key)) continue;
    if (l.source !== stamp.source) rows.push(l);
    else if (keptPairs.has(key)) rows.push({ ...l, updateTag: stamp.tag });
  }
  let removed = 0;
  for (const key of ofSource) if (!run.has(key) && !keptPairs.has(key)) removed++;
  return { rows, removed };
}

/** Edges whose ends are both in the new graph: a removed node takes its edges along (DETACH DELETE). */
export function withEnds(rows: Row[], fromIds: Set<string>, toIds: Set<string>): Row[] {
  return rows.filter((r) => fromIds.has(String(r.fromId)) && toIds.has(String(r.toId)));
}

export const idsOf = (rows: Row[]): Set<string> => new Set(rows.map((r) => String(r.id)));
