import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths';
import { renderConfigReference } from './config-reference';

/** `npm run docs:config`: rewrites docs/config-reference.md; with `--check`, exits 1 when it is behind. */
const target = join(projectRoot(), 'docs', 'config-reference.md');
const text = renderConfigReference();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // absent counts as behind
  }
  if (current !== text) {
    console.error('docs/config-reference.md is behind src/config.ts: run `npm run docs:config`');
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
