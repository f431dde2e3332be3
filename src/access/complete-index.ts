import { z } from 'zod';
import type { GraphStore } from '../store/port';
import { rebuildAccessIndex } from './rebuild-index';

const Counts = z.object({ pairs: z.union([z.number(), z.bigint()]).transform(Number), paths: z.union([z.number(), z.bigint()]).transform(Number) });

/**
 * A store written before paths moved out of HAS_ACCESS into AccessGrant nodes holds pairs without
 * paths, which reads refuse as a broken index. Rebuilt from the graph once, when the store opens:
 * the graph is the source of truth and the index is derived (two counts when nothing is missing).
 */
export async function completeAccessIndex(store: GraphStore, opts: { maxPathsPerGrant: number; now?: () => Date }): Promise<{ rebuilt: boolean; grants: number }> {
  const counts = Counts.parse((await store.run('access/index-counts', {}))[0] ?? { pairs: 0, paths: 0 });
  if (counts.pairs === counts.paths) return { rebuilt: false, grants: counts.pairs };
  const now = (opts.now ?? (() => new Date()))().toISOString();
  const built = await store.write((tx) => rebuildAccessIndex(tx, { now, maxPathsPerGrant: opts.maxPathsPerGrant }));
  return { rebuilt: true, grants: built.grants };
}
