import { WhohasError } from '../src/errors';
import type { GraphStore } from '../src/store/port';
import { ENTITY_FILES } from './bundle/records';
import { readBundle } from './bundle/read-bundle';
import { ingestRecords, type IngestOptions } from './bundle/run-ingest';
import type { IngestRunSummary } from './bundle/run-record';
import type { Connector, Probe } from './core/connector';
import { probePath } from './core/probe';
import { ingestWithConnector, parseConnectorOptions, type ConnectorRun } from './core/run-connector';
import { a2aCardConnector, agentRegistryConnector } from './agents';
import { awsIamConnector } from './aws-iam';
import { bloodhoundConnector } from './bloodhound';
import { hrisConnector } from './hris';
import { scimConnector } from './scim';
import { cloudtrailConnector, ocsfConnector, oktaLogConnector } from './usage';

/** One ingestible format: the identity bundle itself, or a connector that maps to it. */
export interface IngestFormat {
  format: string;
  description: string;
  detect(probe: Probe): boolean;
  /** Options holding file paths (resolved against the config file's folder). */
  pathOptions: readonly string[];
  /** Fails fast on bad options, before a job is scheduled or a file is read. */
  checkOptions(options: unknown): void;
  ingest(store: GraphStore, location: string, run: ConnectorRun, opts: IngestOptions): Promise<IngestRunSummary>;
}

const BUNDLE_FILE = new RegExp(`^(source|${ENTITY_FILES.join('|')})\\.(ndjson|json|csv)$`);

const bundleFormat: IngestFormat = {
  format: 'bundle',
  description: 'whohas identity bundle folder (identities.ndjson, accounts.csv, ...; spec: identity-bundle.md)',
  detect: (probe) => probe.isDirectory && probe.names.some((n) => BUNDLE_FILE.test(n)),
  pathOptions: [],
  checkOptions(options) {
    if (options && Object.keys(options as object).length) {
      throw new WhohasError('CONFIG_INVALID', 'bundle options: a bundle takes no options (source and mode come from source.json or the job)');
    }
  },
  ingest: (store, location, run, opts) =>
    ingestRecords(
      store,
      async () => {
        const parsed = await readBundle(location, { maxFileBytes: opts.maxFileBytes });
        if (run.source) parsed.source = { ...parsed.source, source: run.source };
        if (run.mode) parsed.source = { ...parsed.source, mode: run.mode };
        return parsed;
      },
      opts,
    ),
};

function fromConnector<O>(connector: Connector<O>): IngestFormat {
  return {
    format: connector.format,
    description: connector.description,
    detect: (probe) => connector.detect?.(probe) ?? false,
    pathOptions: connector.pathOptions ?? [],
    checkOptions: (options) => void parseConnectorOptions(connector, options),
    ingest: (store, location, run, opts) => ingestWithConnector(store, connector, location, run, opts),
  };
}

export const FORMATS: readonly IngestFormat[] = [
  bundleFormat,
  fromConnector(hrisConnector),
  fromConnector(scimConnector),
  fromConnector(awsIamConnector),
  fromConnector(bloodhoundConnector),
  fromConnector(agentRegistryConnector),
  fromConnector(a2aCardConnector),
  fromConnector(cloudtrailConnector),
  fromConnector(ocsfConnector),
  fromConnector(oktaLogConnector),
];

export function formatByName(name: string): IngestFormat {
  const found = FORMATS.find((f) => f.format === name);
  if (!found) throw new WhohasError('FORMAT_UNKNOWN', `Unknown format '${name}'; known formats: ${FORMATS.map((f) => f.format).join(', ')}`);
  return found;
}

/** `whohas ingest PATH` without --format: exactly one format must recognise the input. */
export async function detectFormat(path: string): Promise<IngestFormat> {
  if (/^https?:\/\//i.test(path)) {
    throw new WhohasError('FORMAT_UNKNOWN', `${path} is a URL: say what it serves with --format (e.g. scim, a2a-card)`);
  }
  const probe = await probePath(path);
  const matches = FORMATS.filter((f) => f.detect(probe));
  if (matches.length === 1) return matches[0];
  if (!matches.length) {
    throw new WhohasError(
      'FORMAT_UNKNOWN',
      `Could not tell what format ${path} is; pass --format (one of: ${FORMATS.map((f) => f.format).join(', ')})`,
    );
  }
  throw new WhohasError('FORMAT_UNKNOWN', `${path} could be ${matches.map((f) => f.format).join(' or ')}; pass --format to choose`);
}
