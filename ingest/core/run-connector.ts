import { WhohasError } from '../../src/errors';
import type { GraphStore } from '../../src/store/port';
import { RecordAssembler } from '../bundle/assemble';
import { ENTITY_FILES, SourceRecord } from '../bundle/records';
import { ingestRecords, type IngestOptions } from '../bundle/run-ingest';
import type { IngestRunSummary } from '../bundle/run-record';
import type { Connector, TransformResult } from './connector';

export interface ConnectorRun {
  /** Overrides the connector's source name, so two jobs of one connector never clean up each other. */
  source?: string;
  mode?: SourceRecord['mode'];
  options?: unknown;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** Checks a connector's options before any I/O; a typo in a job config fails here, naming the field. */
export function parseConnectorOptions<O>(connector: Connector<O>, raw: unknown): O {
  const parsed = connector.options.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const at = issue.path.length ? ` in '${issue.path.join('.')}'` : '';
    throw new WhohasError('CONFIG_INVALID', `${connector.format} options: unknown option(s) ${issue.keys.join(', ')}${at}`, { field: issue.keys[0] });
  }
  const field = issue.path.join('.') || '(options)';
  throw new WhohasError('CONFIG_INVALID', `${connector.format} options: '${field}' ${issue.message}`, { field });
}

/** get -> transform -> (shared) validate -> correlate -> load -> cleanup -> index, as one run. */
export async function ingestWithConnector<O>(
  store: GraphStore,
  connector: Connector<O>,
  location: string,
  run: ConnectorRun,
  opts: IngestOptions,
): Promise<IngestRunSummary> {
  const options = parseConnectorOptions(connector, run.options);
  return ingestRecords(
    store,
    async () => {
      const payloads = await connector.get(location, options, { maxFileBytes: opts.maxFileBytes, log: run.log });
      const now = (opts.now ?? (() => new Date()))();
      const result = connector.transform(payloads, options, { now });
      return assembleTransform(result, run, payloads.map((p) => p.name));
    },
    opts,
  );
}

/** Runs a transform's raw records through the bundle schemas, exactly as bundle files are. */
export function assembleTransform(result: TransformResult, run: Pick<ConnectorRun, 'source' | 'mode'>, files: string[]) {
  const source = SourceRecord.parse({
    ...result.source,
    ...(run.source ? { source: run.source } : {}),
    ...(run.mode ? { mode: run.mode } : {}),
  });
  const rejects = [...result.rejects];
  const assembler = new RecordAssembler(rejects);
  for (const entity of ENTITY_FILES) for (const raw of result.records[entity]) assembler.push(entity, raw);
  return {
    source,
    sourceFromFile: true,
    records: assembler.records,
    rejects,
    unknownFiles: [],
    files,
    hints: result.hints,
    notes: result.notes,
  };
}
