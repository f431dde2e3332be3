import { stat } from 'node:fs/promises';
import { WhohasError } from '../../src/errors';
import type { LocatedBundle } from './check-references';
import { RecordAssembler } from './assemble';
import { PARALLEL_USAGE_MIN_BYTES, readUsageInWorkers, type ParallelUsageRead } from './parallel-usage';
import { checkFile, listBundle, readJsonFile, readRecords, type BundleFile } from './read-files';
import { ENTITY_FILES, SourceRecord } from './records';
import type { Reject } from './reject';

export interface ParsedBundle {
  source: SourceRecord;
  sourceFromFile: boolean;
  records: LocatedBundle;
  rejects: Reject[];
  unknownFiles: string[];
  files: string[];
}

/** Without a source.json the run may only add: guessing `full` could delete another source's data. */
export const DEFAULT_SOURCE: SourceRecord = { source: 'manual', mode: 'incremental', exportedAt: new Date(0).toISOString() };

/**
 * get + transform for the identity bundle: every file read, every record schema-checked, nothing
 * written. Large usage files are read by worker threads while this thread reads the other files
 * (`parallelUsageMinBytes`, default PARALLEL_USAGE_MIN_BYTES); rejects and events come out in the
 * same order either way.
 */
export async function readBundle(dir: string, opts: { maxFileBytes: number; parallelUsageMinBytes?: number }): Promise<ParsedBundle> {
  const listing = await listBundle(dir);
  for (const f of listing.files) await checkFile(f, opts.maxFileBytes);

  const rejects: Reject[] = [];
  let source = DEFAULT_SOURCE;
  const sourceFile = listing.files.find((f) => f.entity === 'source');
  if (sourceFile) {
    const parsed = SourceRecord.safeParse(await readJsonFile(sourceFile));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WhohasError(
        'BUNDLE_REJECTED',
        `source.json: field '${issue.path.join('.') || '(root)'}' ${issue.message}; the run needs a valid source and mode`,
        { file: 'source.json' },
      );
    }
    source = parsed.data;
  }

  const assembler = new RecordAssembler(rejects);
  const minBytes = opts.parallelUsageMinBytes ?? PARALLEL_USAGE_MIN_BYTES;
  const inWorkers = new Map<BundleFile, ParallelUsageRead>();
  for (const file of listing.files) {
    if (file.entity === 'usage' && file.encoding === 'ndjson' && (await stat(file.path)).size >= minBytes) inWorkers.set(file, readUsageInWorkers(file));
  }
  try {
    for (const entity of ENTITY_FILES) {
      for (const file of listing.files.filter((f) => f.entity === entity)) {
        const parallel = inWorkers.get(file);
        if (parallel) {
          let lineOffset = 0;
          for await (const part of parallel.parts()) lineOffset = assembler.absorbUsage(file.name, part, lineOffset);
        } else for await (const batch of readRecords(file, rejects)) for (const raw of batch) assembler.push(entity, raw);
      }
    }
  } finally {
    for (const parallel of inWorkers.values()) await parallel.stop();
  }
  return {
    source,
    sourceFromFile: Boolean(sourceFile),
    records: assembler.records,
    rejects,
    unknownFiles: listing.unknownFiles,
    files: listing.files.map((f) => f.name),
  };
}
