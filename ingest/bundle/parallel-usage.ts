import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WhohasError } from '../../src/errors';
import type { BundleFile } from './read-files';
import type { UsageRangeRead, UsageRangeTask } from './usage-read-worker';

/**
 * Usage NDJSON at least this large is read by worker threads. At L the usage file is 1.3 GB of
 * 10M events, more than half of the whole read, and its events need nothing from other files; below
 * this size starting the workers costs more than they save.
 */
export const PARALLEL_USAGE_MIN_BYTES = 32 * 1024 * 1024;

/** A usage file being read in worker threads; `stop` ends the workers early (the run failed elsewhere). */
export interface ParallelUsageRead {
  /** The parts in file order, each as soon as it and those before it are read. */
  parts: () => AsyncGenerator<UsageRangeRead>;
  stop: () => Promise<void>;
}

/** Worker threads per file: every core but one would leave the main thread's files (memberships) a core; on 2 cores both halves still overlap with them. */
export function usageWorkerCount(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}

/** Reads `file` (NDJSON usage) in `workers` byte ranges, each in its own worker thread. */
export function readUsageInWorkers(file: BundleFile, workers = usageWorkerCount()): ParallelUsageRead {
  const threads: Worker[] = [];
  let stopped = false;
  const reads = (async () => {
    const ranges = await lineAlignedRanges(file.path, workers);
    if (stopped) return [];
    return ranges.map((range) => {
      const read = readRange({ file, range: { ...range, lines: 0 } }, threads);
      read.catch(() => undefined); // awaited in order by `parts`; a run that failed elsewhere stops it instead
      return read;
    });
  })();
  reads.catch(() => undefined);
  return {
    parts: async function* () {
      for (const read of await reads) yield await read;
    },
    stop: async () => {
      stopped = true;
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

function readRange(task: UsageRangeTask, threads: Worker[]): Promise<UsageRangeRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'usage-read-worker.js'), { workerData: { usageRange: task } });
    threads.push(worker);
    worker.once('message', (message: { read?: UsageRangeRead; failure?: { message: string } }) => {
      if (message.read) resolve(message.read);
      else reject(new WhohasError('BUNDLE_FILE_UNREADABLE', `${task.file.name} could not be read: ${message.failure?.message}`, { file: task.file.name }));
      void worker.terminate();
    });
    worker.once('error', (e) => reject(new WhohasError('BUNDLE_FILE_UNREADABLE', `${task.file.name} could not be read: ${e.message}`, { file: task.file.name })));
    worker.once('exit', (code) => reject(new WhohasError('BUNDLE_FILE_UNREADABLE', `${task.file.name}: its reader stopped (exit code ${code})`, { file: task.file.name })));
  });
}

/**
 * Up to `count` ranges covering the file, each but the first starting just after a `\n`: a line is
 * never cut, a `\r\n` never split, and a multi-byte character never divided (UTF-8 bytes of a
 * character are never `\n`). A file with fewer line breaks gets fewer ranges, an empty one none.
 */
export async function lineAlignedRanges(path: string, count: number): Promise<Array<{ start: number; end: number }>> {
  const { size } = await stat(path);
  if (size === 0) return [];
  const starts = [0];
  const handle = await open(path, 'r');
  try {
    const window = Buffer.alloc(64 * 1024);
    for (let k = 1; k < count; k++) {
      let at = Math.max(Math.floor((size * k) / count), starts[starts.length - 1]);
      let found = -1;
      while (found < 0 && at < size) {
        const { bytesRead } = await handle.read(window, 0, window.length, at);
        const i = window.subarray(0, bytesRead).indexOf(10);
        if (i >= 0) found = at + i + 1;
        else at += bytesRead;
        if (bytesRead === 0) break;
      }
      if (found > 0 && found < size && found > starts[starts.length - 1]) starts.push(found);
    }
  } finally {
    await handle.close();
  }
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : size }));
}
