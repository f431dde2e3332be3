import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * A fresh folder under the OS temp dir, removed when the test process exits (each test file runs in
 * its own process), so bundles and stores a test writes do not pile up in /tmp run after run.
 */
export function tempDir(prefix: string): string {
  if (!made.length) process.once('exit', () => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
