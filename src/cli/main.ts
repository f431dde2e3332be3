import 'reflect-metadata';
import { loadConfig } from '../config';
import { boundHeapGrowth } from '../heap-growth';
import { errorMessage, isWhohasError } from '../errors';
import { writeFile } from 'node:fs/promises';
import { writeDemo } from '../demo/generate-demo';
import { writeScaleBundle } from '../demo/scale/generate-scale';
import { startServer } from '../server/start-server';
import { readServerFile, serverFilePath } from '../server/server-file';
import { FORMATS } from '../../ingest/registry';
import { ingestCommand, printRun } from './ingest-command';
import { loadRulesCommand } from './rules-command';
import { auditVerifyCommand, printAudit } from './audit-command';
import { exportCommand, printExport } from './export-command';
import { backupCommand, restoreCommand } from './backup-command';
import { KEYS_USAGE, keysCommand } from './keys-command';
import { UsageError, asksForHelp, parseFlags, usage } from './flags';

const USAGE = `whohas - who has what, and why

usage:
  whohas serve [--port N]          serve GraphQL + playground (loads the demo into an empty store)
  whohas ingest <path|url> [--format F] [--option k=v]... [--source S] [--mode full|incremental] [--strict]
                                   load a bundle folder or a source export (format auto-detected);
                                   non-zero exit if the run failed
  whohas ingest --job NAME         run one source from whohas.config.yaml now
  whohas formats                   list the formats ingest understands
  whohas rules load <file>         replace the separation-of-duties rules (YAML or JSON; all or nothing)
  whohas demo <dir> [--humans N] [--seed N] [--rules FILE] [--shape default|scale]
                                   write the deterministic demo enterprise bundle (and its SoD rules);
                                   --shape scale writes the benchmark's large enterprise instead,
                                   streamed to the files (default 100000 humans = size L: 300k
                                   accounts, 20k groups 6 deep, 5k entitlements, 3M memberships and
                                   grants, 10M usage events, about 2 GB); other sizes scale it
                                   (at least 500 humans); no --rules for it
  whohas export <dir> [--source S] [--exported-at T]
                                   write the whole graph as one canonical identity bundle (works
                                   while a server runs); ingest it into another store to migrate
  whohas backup <dir>              copy the embedded store (and its run reports) while no server runs
  whohas restore <dir> [--force]   put a backup back in place of WHOHAS_DB (the old one is kept aside)
  whohas audit verify [--dir D] [--json]
                                   check the decision log's hash chain (non-zero exit when broken)
${KEYS_USAGE}
  whohas version                   print the version

configuration is read from the environment (see README): WHOHAS_DB, NEO4J_URI, PORT, ...`;

const out = (s: string) => process.stdout.write(s + '\n');

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    out(`whohas ${require('../../../package.json').version}`);
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h' || asksForHelp(rest)) {
    out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'demo') {
    const { values, positionals } = parseFlags(command, {
      args: rest,
      allowPositionals: true,
      options: { humans: { type: 'string' }, seed: { type: 'string' }, rules: { type: 'string' }, shape: { type: 'string' } },
    });
    if (positionals.length !== 1) throw usage('demo needs one output folder');
    const size = {
      humans: values.humans ? positiveInt('--humans', values.humans) : undefined,
      seed: values.seed ? positiveInt('--seed', values.seed) : undefined,
    };
    const shape = values.shape ?? 'default';
    if (shape !== 'default' && shape !== 'scale') throw usage(`--shape must be default or scale, got '${shape}'`);
    if (shape === 'scale') {
      // The demo's SoD rules name people planted by the default shape; the scale shape has none.
      if (values.rules) throw usage('--rules goes with the default shape only');
      const scale = await writeScaleBundle(positionals[0], size);
      out(`scale bundle (${scale.plan.humans} humans) written to ${positionals[0]}: ${Object.entries(scale.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      return 0;
    }
    const demo = await writeDemo(positionals[0], size);
    out(`demo bundle written to ${positionals[0]}: ${Object.entries(demo.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // The rules name demo people, so they belong to this demo; they are not a bundle file.
    if (values.rules) {
      await writeFile(values.rules, demo.sodRules);
      out(`separation-of-duties rules for it written to ${values.rules} (load with: whohas rules load ${values.rules})`);
    }
    return 0;
  }
  if (command === 'formats') {
    for (const f of FORMATS) out(`  ${f.format.padEnd(16)} ${f.description}`);
    return 0;
  }
  const config = loadConfig();
  boundHeapGrowth(config.heapGrowthPercent);
  if (command === 'serve') {
    const { values } = parseFlags(command, { args: rest, options: { port: { type: 'string' } } });
    if (values.port) config.port = positiveInt('--port', values.port);
    const server = await startServer(config);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => undefined);
  }
  if (command === 'ingest') {
    const { values, positionals } = parseFlags(command, {
      args: rest,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean' },
        format: { type: 'string' },
        job: { type: 'string' },
        option: { type: 'string', multiple: true },
        source: { type: 'string' },
        mode: { type: 'string' },
      },
    });
    if (values.mode && values.mode !== 'full' && values.mode !== 'incremental') throw usage('--mode must be full or incremental');
    if (values.job ? positionals.length !== 0 : positionals.length !== 1) throw usage('ingest needs one path, or --job NAME');
    const via = readServerFile(serverFilePath(config.kuzuPath)) ? 'through the running server' : `directly on the ${config.store} store`;
    const run = await ingestCommand(config, {
      path: positionals[0],
      format: values.format,
      job: values.job,
      strict: values.strict,
      options: values.option ? parseOptionFlags(values.option) : undefined,
      source: values.source,
      mode: values.mode as 'full' | 'incremental' | undefined,
    });
    printRun(run, via, out);
    // The summary goes to stdout; why a run failed goes to stderr as one line, like every other error.
    if (run.error) process.stderr.write(`whohas: ${run.error.code}: ${run.error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return run.status === 'succeeded' ? 0 : 1;
  }
  if (command === 'export') {
    const { values, positionals } = parseFlags(command, {
      args: rest,
      allowPositionals: true,
      options: { source: { type: 'string' }, 'exported-at': { type: 'string' } },
    });
    if (positionals.length !== 1) throw usage('export needs one output folder');
    printExport(await exportCommand(config, positionals[0], { source: values.source, exportedAt: values['exported-at'] }), out);
    return 0;
  }
  if (command === 'backup' || command === 'restore') {
    const { values, positionals } = parseFlags(command, { args: rest, allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (positionals.length !== 1) throw usage(`${command} needs one backup folder`);
    if (command === 'backup') await backupCommand(config, positionals[0], out);
    else await restoreCommand(config, positionals[0], { force: values.force ?? false }, out);
    return 0;
  }
  if (command === 'audit') {
    const { values, positionals } = parseFlags(command, { args: rest, allowPositionals: true, options: { dir: { type: 'string' }, json: { type: 'boolean' } } });
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw usage('audit verify is the audit command');
    const result = auditVerifyCommand(config, values.dir);
    if (values.json) out(JSON.stringify({ file: result.file, ...result.report }));
    else printAudit(result, out);
    return result.report.intact ? 0 : 1;
  }
  if (command === 'keys') return keysCommand(config, rest, out);
  if (command === 'rules') {
    if (rest[0] !== 'load' || rest.length !== 2) throw usage('rules load needs one file');
    const { result, via } = await loadRulesCommand(config, rest[1]);
    out(`rules loaded (${via}): ${result.ruleSet.rules.length} rule(s), version ${result.ruleSet.version}`);
    for (const w of result.warnings) out(`  warning: ${w}`);
    return 0;
  }
  throw usage(`unknown command '${command}'`);
}

/** `--option key=value`: values that read as JSON (true, 3, ["a"]) are taken as such, else as text. */
function parseOptionFlags(flags: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw usage(`--option needs key=value, got '${flag}'`);
    const [key, text] = [flag.slice(0, eq), flag.slice(eq + 1)];
    try {
      out[key] = JSON.parse(text);
    } catch {
      out[key] = text;
    }
  }
  return out;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw usage(`${flag} must be a whole number, got '${value}'`);
  return n;
}

// A reader that stops early (`whohas formats | head -1`) closes the pipe: that ends the output, quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`whohas: ${e.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    // Known failures get their code and message; anything else a one-line message, never a stack.
    const code = isWhohasError(e) ? e.code : 'INTERNAL';
    process.stderr.write(`whohas: ${code}: ${errorMessage(e)}\n`);
    process.exit(1);
  },
);
