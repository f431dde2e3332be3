/**
 * The scale shape of the demo enterprise (issue 11's L benchmark at 100k humans), written straight
 * to NDJSON files as it is generated, so the generator's memory holds indices, not records.
 * Deterministic: the same options give byte-identical files. Phases run in dependency order, each
 * from its own random stream, so changing one phase's draws leaves the others' output alone.
 */
import { DEMO_SOURCE } from '../generate-demo';
import { Rng } from '../random';
import { AccessWalker } from './access-walk';
import { AccountTable } from './accounts';
import { writeAgents } from './agents';
import { buildCatalog } from './catalog';
import { writeCredentials } from './credentials';
import { writeDelegations } from './delegations';
import { writeHumanAccess } from './human-access';
import { BundleFiles, type RecordSink } from './ndjson-files';
import { NhiTable } from './nhi-kit';
import { writeOrphans } from './orphans';
import { writePeople } from './people';
import { planScale, type ScaleOptions, type ScalePlan } from './plan';
import { writeServices } from './services';
import { writeUsage } from './usage';

export interface WrittenScale {
  plan: ScalePlan;
  /** Records written per file, keyed by file name (e.g. `identities.ndjson`). */
  counts: Record<string, number>;
}

/** Generates every record into `sink`, in dependency order. */
export async function generateScale(sink: RecordSink, plan: ScalePlan): Promise<void> {
  const root = new Rng(plan.seed);
  const people = await writePeople(sink, root.fork('people'), plan.humans);
  const cat = buildCatalog(sink, root.fork('catalog'), plan, people.org);
  await sink.settle();
  const accounts = new AccountTable(sink, cat.c);
  const human = await writeHumanAccess(root.fork('human-access'), people, cat, accounts);
  const nhis = new NhiTable();
  await writeServices(sink, root.fork('services'), people, cat, accounts, nhis, plan.services);
  const agents = await writeAgents(sink, root.fork('agents'), people, human, cat, accounts, nhis, plan.agents);
  await writeOrphans(root.fork('orphans'), cat, accounts, plan.orphanAccounts, people.org.divisions.length);
  accounts.finish();
  const walker = new AccessWalker(accounts, cat.c);
  writeDelegations(sink, root.fork('delegations'), people, human, cat, nhis, walker, agents);
  await writeCredentials(sink, root.fork('credentials'), cat, accounts, human, nhis, plan.humans);
  await writeUsage(sink, root.fork('usage'), plan.seed, accounts, cat.c, walker, plan.usageEvents);
}

/**
 * Creates `dir` and writes the scale bundle there: one `NAME.ndjson` per entity type plus
 * `source.json` (the demo's source, so it replaces a loaded demo on a full run).
 */
export async function writeScaleBundle(dir: string, opts: ScaleOptions = {}): Promise<WrittenScale> {
  const plan = planScale(opts);
  const files = await BundleFiles.open(dir);
  await generateScale(files, plan);
  return { plan, counts: await files.close(DEMO_SOURCE) };
}
