import { join } from 'node:path';
import type { IngestOptions } from '../../ingest/bundle/run-ingest';
import type { Connector, Payload, TransformResult } from '../../ingest/core/connector';
import { assembleTransform, ingestWithConnector, parseConnectorOptions, type ConnectorRun } from '../../ingest/core/run-connector';
import type { TempStore } from './temp-store';

/** Runs a connector end to end into a real temp store, through the same path the CLI and jobs use. */
export function ingestVia<O>(t: TempStore, connector: Connector<O>, location: string, run: ConnectorRun = {}, extra: Partial<IngestOptions> = {}) {
  return ingestWithConnector(t.store, connector, location, run, {
    maxFileBytes: 50 * 1024 * 1024,
    runsDir: join(t.dir, 'runs'),
    maxPathsPerGrant: 8,
    ...extra,
  });
}

/** get + transform only (no database): what a pure-transform test looks at. */
export async function transformFrom<O>(connector: Connector<O>, location: string, options: unknown = {}, now = new Date('2026-11-01T00:00:00Z')) {
  const opts = parseConnectorOptions(connector, options);
  const payloads: Payload[] = await connector.get(location, opts, { maxFileBytes: 50 * 1024 * 1024 });
  const result: TransformResult = connector.transform(payloads, opts, { now });
  return { result, assembled: assembleTransform(result, {}, payloads.map((p) => p.name)) };
}
