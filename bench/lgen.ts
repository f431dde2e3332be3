import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkReferences, type KnownIds } from '../ingest/bundle/check-references';
import { readBundle } from '../ingest/bundle/read-bundle';
import { writeScaleBundle } from '../src/demo/scale/generate-scale';
import { writeResult } from './results-file';

/**
 * `node dist/bench/lgen.js [--humans 100000] [--read-humans 20000]`: the scale-shape generator
 * (issue 11 step 3) at L: wall time, peak RSS, bytes and records per file; then the bundle reader
 * (`readBundle`, then `checkReferences`) alone on a smaller scale bundle: records/s and peak RSS.
 * Each phase runs in a fresh process, as peak RSS never goes down. The bundles are deleted after.
 * Results: bench/results/lgen-<date>.json.
 */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (since: number) => +((Date.now() - since) / 1000).toFixed(1);

async function writePhase(dir: string, humans: number) {
  const started = Date.now();
  const { counts } = await writeScaleBundle(dir, { humans });
  return { seconds: seconds(started), peakRssMb: peakMb(), counts };
}

async function readPhase(dir: string) {
  const started = Date.now();
  const bundle = await readBundle(dir, { maxFileBytes: 8e9 });
  const readSeconds = seconds(started);
  const records = Object.values(bundle.records).reduce((n, list) => n + list.length, 0);
  const peakAfterReadMb = peakMb();
  const none = () => new Set<string>();
  const known: KnownIds = { identities: none(), systems: none(), accounts: none(), groups: none(), entitlements: none(), identityIdByEmail: new Map(), identityAttributes: new Map() };
  const rejects = [...bundle.rejects];
  const checkStarted = Date.now();
  checkReferences(bundle.records, known, rejects);
  return { records, rejects: rejects.length, readSeconds, recordsPerSecond: Math.round(records / readSeconds), checkReferencesSeconds: seconds(checkStarted), peakAfterReadMb, peakRssMb: peakMb() };
}

/** Records are lines: counted by streaming the file, so a 1 GB file is never held in memory. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) for (const byte of chunk) if (byte === 10) lines++;
  return lines;
}

function child(args: string[]): any {
  const started = Date.now();
  const res = spawnSync(process.execPath, [__filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
  return { ...JSON.parse(res.stdout.trim().split('\n').pop()!), wallSeconds: seconds(started) };
}

async function main() {
  const { values } = parseArgs({ options: { humans: { type: 'string', default: '100000' }, 'read-humans': { type: 'string', default: '20000' }, phase: { type: 'string' }, dir: { type: 'string' } } });
  if (values.phase === 'write') return console.log(JSON.stringify(await writePhase(values.dir!, Number(values.humans))));
  if (values.phase === 'read') return console.log(JSON.stringify(await readPhase(values.dir!)));

  const work = mkdtempSync(join(tmpdir(), 'whohas-lgen-'));
  try {
    const big = join(work, 'L');
    const generator = child(['--phase', 'write', '--dir', big, '--humans', String(values.humans)]);
    const files: Record<string, { bytes: number; records: number }> = {};
    for (const name of readdirSync(big).sort()) files[name] = { bytes: statSync(join(big, name)).size, records: await countLines(join(big, name)) };
    rmSync(big, { recursive: true, force: true });
    const small = join(work, 'read');
    const readerBundle = child(['--phase', 'write', '--dir', small, '--humans', String(values['read-humans'])]);
    const reader = child(['--phase', 'read', '--dir', small]);
    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, note: 'shared 2-core machine; other work ran at the same time' },
      generator: { humans: Number(values.humans), ...generator, totalBytes: Object.values(files).reduce((n, f) => n + f.bytes, 0), files },
      reader: { humans: Number(values['read-humans']), bundleCounts: readerBundle.counts, ...reader },
    };
    const file = writeResult(`lgen-${report.date.slice(0, 10)}.json`, report);
    console.log(JSON.stringify(report, null, 2));
    console.log(`written to ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
