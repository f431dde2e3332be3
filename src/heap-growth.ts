import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * What the heap may grow to between full collections: 1 + percent/100 times what the last one
 * left live. By default V8 picks up to about 4x, which suits short-lived programs. whohas holds a
 * few large, long-lived structures (a run's records, the access graph while the index builds, the
 * what-if model), so the garbage allowed beside them became most of its peak RSS: at L the index
 * phase's heap swung between 1.35 and 2.4 GB. Measured on the L5 ingest (one run each, same
 * time): peak RSS 1,666 MB by default, 1,082 MB at 50 (1,131 MB set at run time, as here).
 *
 * V8 reads this flag each time it sets the next collection's limit, so setting it after start
 * takes effect (node cannot take it from NODE_OPTIONS). 0 leaves V8's own choice.
 */
export function boundHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growth must be a whole percent >= 0, not ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

let fullCollection: (() => void) | null = null;

/**
 * A full collection now, for the one moment V8 cannot see coming: the run has just let go of most
 * of its heap (at L about 1.4 GB of records) and what follows is native work (Kuzu's bulk loads)
 * that allocates almost nothing in JS, so no collection would run before it ends and the dead
 * records' pages would stay resident beside the load's own memory. Uses `gc` when node was started
 * with --expose-gc, else exposes it once (the flag only adds the function; it changes nothing else).
 */
export function collectGarbageNow(): void {
  if (!fullCollection) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) fullCollection = exposed;
    else {
      setFlagsFromString('--expose-gc');
      fullCollection = runInNewContext('gc') as () => void;
    }
  }
  fullCollection();
}
