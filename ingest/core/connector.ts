import type { z } from 'zod';
import type { ENTITY_SCHEMAS, EntityFile, SourceRecord } from '../bundle/records';
import type { RawRecord } from '../bundle/read-files';
import type { Reject } from '../bundle/reject';

/**
 * A connector turns what a system already exports into identity-bundle records (spec:
 * shared/spec/identity-bundle.md), following cartography's get -> transform -> load -> cleanup.
 * `get` does the I/O; `transform` is pure (payloads in, records out) so it is tested on real
 * files without a database; load and cleanup are shared by every connector (ingest/core/run.ts).
 */
export interface Connector<Options = Record<string, unknown>> {
  /** Stable name used by `--format`, job configs and run records. */
  format: string;
  description: string;
  /** Options from the job config or CLI, checked before anything is read (fail fast). */
  options: z.ZodType<Options>;
  /** Options that name files: a job config resolves them against the config file's folder, like `location`. */
  pathOptions?: readonly string[];
  /** Default mode: snapshots are `full` (what is missing was removed), event logs `incremental`. */
  defaultMode: SourceRecord['mode'];
  /** Whether this connector recognises the file or folder at `path` (for `whohas ingest PATH`). */
  detect?(probe: Probe): boolean;
  get(location: string, options: Options, ctx: GetContext): Promise<Payload[]>;
  transform(payloads: Payload[], options: Options, ctx: TransformContext): TransformResult;
}

/** What auto-detection may look at: names and the first bytes, never a full read. */
export interface Probe {
  path: string;
  isDirectory: boolean;
  /** File names in the folder (or the one file's name). */
  names: string[];
  /** The first 64 KiB of each file, by name (text, may be cut mid-record). */
  heads: Map<string, string>;
}

/** One unit of input as fetched: a file, or one page of an API response. */
export interface Payload {
  /** Name used in rejects and messages: a file name or `GET /Users?startIndex=101`. */
  name: string;
  text: string;
}

export interface GetContext {
  maxFileBytes: number;
  /** For live pulls: progress lines for the CLI / structured log. */
  log?: (message: string, fields?: Record<string, unknown>) => void;
  signal?: AbortSignal;
}

export interface TransformContext {
  /** The run's clock, for records that need "now" (e.g. stamping an export time). */
  now: Date;
}

/** Keys an account carries that may tie it to an identity from another source (HR). */
export interface CorrelationHint {
  accountId: string;
  email?: string;
  employeeNumber?: string;
  username?: string;
}

export interface TransformResult {
  source: SourceRecord;
  records: { [E in EntityFile]: RawRecord[] };
  rejects: Reject[];
  hints: CorrelationHint[];
  /** Things the user should know that are not rejects (skipped resource types, attribution notes). */
  notes: string[];
}

export type RecordInput<E extends EntityFile> = z.input<(typeof ENTITY_SCHEMAS)[E]>;
