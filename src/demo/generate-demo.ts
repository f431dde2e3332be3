/**
 * Deterministic demo-enterprise generator: writes an identity bundle (see
 * /work/shared/spec/identity-bundle.md) for a fictional company, byte-identical for the same seed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HumanAccounts } from './account-factory';
import { buildAgents } from './agents';
import { DemoBuilder } from './builder';
import { buildCatalog } from './catalog';
import { buildCredentials } from './credentials';
import { buildDelegations } from './delegations';
import { assignHumanAccess } from './human-access';
import { buildOrphans } from './orphans';
import { buildWorkforce, MIN_HUMANS } from './people';
import { assignPrivilegedAccess } from './privileged-access';
import { EXPORTED_AT, Rng } from './random';
import { buildServices } from './services';
import { plantSodShapes, type DemoSod } from './sod-shapes';
import { demoSodRules } from './sod-rules';
import { DEMO_ENTITY_FILES, type DemoRecords, type SourceRecord } from './types';
import { buildUsage } from './usage';

export interface DemoOptions {
  /** PRNG seed (any finite number; used as an unsigned 32-bit integer). Default 42. */
  seed?: number;
  /** Number of human identities; at least 50. Default 3000. */
  humans?: number;
  /** Number of usage rows; default scales with humans (20,000 at 3,000 humans). */
  usageEvents?: number;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_HUMANS = 3000;
export const DEMO_SOURCE: SourceRecord = { source: 'demo', mode: 'full', exportedAt: EXPORTED_AT };

function resolve(opts: DemoOptions): Required<DemoOptions> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const humans = opts.humans ?? DEFAULT_HUMANS;
  if (!Number.isFinite(seed)) throw new RangeError('demo generator: seed must be a finite number');
  if (!Number.isInteger(humans) || humans < MIN_HUMANS) throw new RangeError(`demo generator: humans must be an integer >= ${MIN_HUMANS}`);
  const usageEvents = opts.usageEvents ?? Math.max(1000, Math.round((20_000 * humans) / DEFAULT_HUMANS));
  if (!Number.isInteger(usageEvents) || usageEvents < 0) throw new RangeError('demo generator: usageEvents must be a non-negative integer');
  return { seed: Math.trunc(seed) >>> 0, humans, usageEvents };
}

export interface Demo {
  records: DemoRecords;
  /** Who carries each separation-of-duties shape (sod-shapes.ts), for the demo rules and tests. */
  sod: DemoSod;
}

/** All records of the demo bundle, in output order, and who carries the SoD shapes. Pure: same options, same output. */
export function generateDemo(opts: DemoOptions = {}): Demo {
  const { seed, humans, usageEvents } = resolve(opts);
  const root = new Rng(seed);
  const b = new DemoBuilder();
  const workforce = buildWorkforce(b, root.fork('people'), humans);
  const catalog = buildCatalog(b, root.fork('catalog'), workforce);
  const accounts = new HumanAccounts(b, root.fork('accounts'));
  assignHumanAccess(b, root.fork('access'), workforce, accounts);
  assignPrivilegedAccess(root.fork('privileged'), workforce, accounts);
  const services = buildServices(b, root.fork('services'), workforce);
  const agents = buildAgents(b, root.fork('agents'), workforce, accounts);
  const orphans = buildOrphans(b, root.fork('orphans'));
  buildDelegations(b, root.fork('delegations'), workforce, catalog, agents);
  buildCredentials(b, root.fork('credentials'), services, agents, orphans);
  // After every builder that grants access (it picks people by what they hold), before usage (its accounts get used too).
  const sod = plantSodShapes(b, root.fork('sod-shapes'), workforce, accounts);
  buildUsage(b, root.fork('usage'), usageEvents);
  return { records: b.records, sod };
}

/** All records of the demo bundle, in output order. Pure: same options, same records. */
export function generateDemoRecords(opts: DemoOptions = {}): DemoRecords {
  return generateDemo(opts).records;
}

/** The bundle's files as name -> exact file contents (NDJSON, one record a line, trailing newline). */
export function renderDemoBundle(records: DemoRecords): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of DEMO_ENTITY_FILES) {
    const list: readonly object[] = records[name];
    files.set(`${name}.ndjson`, list.map((r) => JSON.stringify(r)).join('\n') + (list.length > 0 ? '\n' : ''));
  }
  files.set('source.json', JSON.stringify(DEMO_SOURCE) + '\n');
  return files;
}

export interface WrittenDemo {
  /** Records written per file, keyed by file name (e.g. `identities.ndjson`). */
  counts: Record<string, number>;
  sod: DemoSod;
  /**
   * The demo's separation-of-duties rule document (YAML). Returned, not written into `dir`: it is not
   * a bundle file, and every ingest of the folder would list it under "unknown files (not loaded)".
   */
  sodRules: string;
}

/** As `writeDemoBundle`, also giving who carries the SoD shapes and the demo rule document. */
export async function writeDemo(dir: string, opts: DemoOptions = {}): Promise<WrittenDemo> {
  const { records, sod } = generateDemo(opts);
  return { counts: await writeRecords(dir, records), sod, sodRules: demoSodRules(sod) };
}

/**
 * Creates `dir` (and parents) and writes one `NAME.ndjson` per entity type plus `source.json`.
 * Existing files of the same names are overwritten; other files in `dir` are left alone.
 * Returns the number of records written per file, keyed by file name (e.g. `identities.ndjson`).
 */
export async function writeDemoBundle(dir: string, opts: DemoOptions = {}): Promise<Record<string, number>> {
  return (await writeDemo(dir, opts)).counts;
}

async function writeRecords(dir: string, records: DemoRecords): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const [file, text] of renderDemoBundle(records)) {
    await writeFile(join(dir, file), text, 'utf8');
    if (file.endsWith('.ndjson')) counts[file] = records[file.slice(0, -'.ndjson'.length) as keyof DemoRecords].length;
  }
  return counts;
}
