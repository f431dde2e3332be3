import { parentPort, workerData } from 'node:worker_threads';
import { parseRecord } from './parse-records';
import { readNdjson, type BundleFile, type ByteRange } from './read-files';
import { UsageRecord } from './records';
import type { Reject } from './reject';
import { UsageLog, type UsageColumns } from './usage-log';

/** One worker's share of a usage file. */
export interface UsageRangeTask {
  file: BundleFile;
  range: ByteRange;
}

/** What a worker read: the events by columns, the rejects and the lines, both numbered from the range's start. */
export interface UsageRangeRead {
  columns: UsageColumns;
  rejects: Reject[];
  lines: number;
}

/** The bytes of `task.range` read, parsed and schema-checked exactly as the main thread reads a usage file (assemble.ts). */
export async function readUsageRange(task: UsageRangeTask): Promise<UsageRangeRead> {
  const usage = new UsageLog();
  const rejects: Reject[] = [];
  const range = { ...task.range };
  for await (const batch of readNdjson(task.file, rejects, range)) {
    for (const raw of batch) {
      const item = parseRecord(UsageRecord, raw, rejects, 'usage');
      if (item) usage.add(item.record, item.file, item.line);
    }
  }
  return { columns: usage.columns(), rejects, lines: range.lines };
}

const task = workerData as { usageRange?: UsageRangeTask } | null;
if (parentPort && task?.usageRange) {
  const port = parentPort;
  readUsageRange(task.usageRange).then(
    (read) => {
      const { pair, atMs, count, line } = read.columns;
      port.postMessage({ read }, [pair.buffer, atMs.buffer, count.buffer, line.buffer] as ArrayBuffer[]);
    },
    (e: unknown) => port.postMessage({ failure: e instanceof Error ? { message: e.message, code: (e as NodeJS.ErrnoException).code } : { message: String(e) } }),
  );
}
