import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths';

/** Writes a benchmark's report as `bench/results/<name>` (pretty JSON) and returns the path. */
export function writeResult(name: string, report: unknown): string {
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
