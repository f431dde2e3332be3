import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rewrites the results table in bench/README.md (between the bench:results markers) from the latest
 * bench/results/<date>-<size>.json of each size, so the README always shows what was last measured.
 */
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

interface Row {
  figure: string;
  fast: string;
  naive: string;
  ratio: string;
}

type Report = {
  size: string;
  humans: number;
  date: string;
  naiveLimitMs: number;
  ingest: Record<string, unknown> & { records: number; seconds: number; recordsPerSecond: number; peakRssMb: number; peakRssThroughSnapshotMb?: number; accessGrants: number };
  rows: Row[];
};

function latestPerSize(dir: string): Report[] {
  const latest = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) {
    const m = /^(\d{4}-\d{2}-\d{2})-([SML])\.json$/.exec(f);
    if (m) latest.set(m[2], f);
  }
  return ['S', 'M', 'L'].filter((s) => latest.has(s)).map((s) => JSON.parse(readFileSync(join(dir, latest.get(s)!), 'utf8')) as Report);
}

function render(r: Report): string {
  const lines = [
    `### ${r.size}: ${r.humans.toLocaleString('en-US')} people (${r.date.slice(0, 10)}; naive queries interrupted at ${r.naiveLimitMs / 1000} s)`,
    '',
    `Ingest: ${r.ingest.records.toLocaleString('en-US')} records and ${r.ingest.accessGrants.toLocaleString('en-US')} indexed grants in ${r.ingest.seconds} s ` +
      `(${r.ingest.recordsPerSecond.toLocaleString('en-US')} records/s end to end), peak RSS ${r.ingest.peakRssMb.toLocaleString('en-US')} MB` +
      (r.ingest.peakRssThroughSnapshotMb ? ` (${r.ingest.peakRssThroughSnapshotMb.toLocaleString('en-US')} MB by the end of the risk snapshot that follows it).` : '.'),
    '',
    '| figure | whohas | naive variable-length Cypher | ratio |',
    '| --- | --- | --- | --- |',
    ...r.rows.map((x) => `| ${x.figure} | ${x.fast} | ${x.naive} | ${x.ratio} |`),
  ];
  return lines.join('\n');
}

export function writeReadmeTable(benchDir: string): void {
  const readme = join(benchDir, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`bench/README.md has no ${START} ... ${END} section`);
  const body = latestPerSize(join(benchDir, 'results')).map(render).join('\n\n');
  writeFileSync(readme, `${text.slice(0, a + START.length)}\n${body}\n${text.slice(b)}`);
}
