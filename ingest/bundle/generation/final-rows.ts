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

/** Rows handed to the bulk loader at a time: the run's edges are never all in memory as rows. */
const WRITE_BATCH = 10_000;

export interface EdgeSources {
  /**
   * The run's rows, one per key (the assembler keeps the last statement of a repeated edge;
   * decisions and usage are folded per pair), made as they are read: at L 3M memberships and
   * grants, which as rows, stamped copies and a keyed map were most of the load phase's heap.
   */
  run: Iterable<Row>;
  /**
   * The other sources' edges of this kind, plus this source's edges from holders its rejected
   * records name (a superset of the kept pairs, narrowed here). Few: held by key.
   */
  live: Row[];
  /** Keys of every edge this source holds now, for the removed count. */
  ofSource: Set<string>;
}

/**
 * Writes an edge table as the run leaves it (the run's rows, then the live rows they do not
 * replace that survive its cleanup), dropping edges whose ends are not both in the new graph as
 * DETACH DELETE would. Returns the `removed` count: this source's edges neither supplied nor kept.
 */
export async function writeFinalEdges(
  sources: EdgeSources,
  stamp: LoadStamp,
  keptPairs: Set<string>,
  ends: [Set<string>, Set<string>],
  write: (rows: Row[]) => Promise<void>,
): Promise<number> {
  const carried = new Map<string, Row>();
  for (const l of sources.live) carried.set(edgeKey(l), l);
  const inGraph = (r: Row) => ends[0].has(String(r.fromId)) && ends[1].has(String(r.toId));
  let batch: Row[] = [];
  const add = async (row: Row) => {
    batch.push(row);
    if (batch.length >= WRITE_BATCH) {
      await write(batch);
      batch = [];
    }
  };
  let replaced = 0;
  const keptInRun = new Set<string>();
  for (const r of sources.run) {
    const key = edgeKey(r);
    carried.delete(key);
    if (sources.ofSource.has(key)) replaced++;
    if (keptPairs.has(key)) keptInRun.add(key);
    if (inGraph(r)) await add(stamped(r, stamp));
  }
  for (const [key, l] of carried) {
    if (!inGraph(l)) continue;
    if (l.source !== stamp.source) await add(l);
    else if (keptPairs.has(key)) await add({ ...l, updateTag: stamp.tag });
  }
  if (batch.length) await write(batch);
  let keptOnly = 0;
  for (const key of keptPairs) if (!keptInRun.has(key) && sources.ofSource.has(key)) keptOnly++;
  return sources.ofSource.size - replaced - keptOnly;
}

/** Edges whose ends are both in the new graph: a removed node takes its edges along (DETACH DELETE). */
export function withEnds(rows: Row[], fromIds: Set<string>, toIds: Set<string>): Row[] {
  return rows.filter((r) => fromIds.has(String(r.fromId)) && toIds.has(String(r.toId)));
}

export const idsOf = (rows: Row[]): Set<string> => new Set(rows.map((r) => String(r.id)));
