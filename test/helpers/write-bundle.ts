import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

export type BundleFiles = Record<string, unknown[] | object | string>;

/** Writes a bundle folder: arrays become NDJSON (or JSON for `.json` names), strings are written as-is. */
export function writeBundle(files: BundleFiles, dir = tempDir('whohas-bundle-')): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = name.includes('.') ? name : `${name}.ndjson`;
    let text: string;
    if (typeof content === 'string') text = content;
    else if (file.endsWith('.ndjson')) text = (content as unknown[]).map((r) => JSON.stringify(r)).join('\n') + '\n';
    else text = JSON.stringify(content, null, 2);
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** A copy of a checked-in fixture bundle that a test may change freely. */
export function copyFixture(name: string): string {
  const dir = tempDir(`whohas-${name}-`);
  cpSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}
