import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EnvSchema } from '../src/config';
import { renderConfigReference } from '../src/ops/config-reference';
import { projectRoot } from '../src/paths';

describe('docs/config-reference.md', () => {
  test('is what `npm run docs:config` generates from src/config.ts (run it after changing a variable)', () => {
    const checkedIn = readFileSync(join(projectRoot(), 'docs', 'config-reference.md'), 'utf8');
    assert.ok(checkedIn === renderConfigReference(), 'docs/config-reference.md is behind src/config.ts: run `npm run docs:config`');
  });

  test('lists every variable the schema reads, with its default', () => {
    const text = renderConfigReference();
    for (const name of Object.keys(EnvSchema.shape)) assert.match(text, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
    assert.match(text, /^\| `WHOHAS_DB` \| string \| `\.\/data\/whohas\.kuzu` \|/m);
    assert.match(text, /^\| `WHOHAS_DEMO` \| boolean .* \| `true` \|/m);
  });
});
