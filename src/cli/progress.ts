import type { IngestProgress } from '../../ingest/bundle/run-ingest';

/**
 * A one-line progress bar on a terminal's stderr; nothing at all when stderr is a pipe or a CI log,
 * where redrawn lines would only be noise.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (p: IngestProgress) => void; finish: () => void } {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = Date.now();
  let drawn = false;
  return {
    update(p) {
      const width = 24;
      const filled = Math.round((p.done / p.total) * width);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      const records = p.records ? `, ${p.records.toLocaleString('en-US')} records` : '';
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.phase} done (${p.done}/${p.total}${records}, ${secs} s)\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
