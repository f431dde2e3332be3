#!/usr/bin/env node
'use strict';
// Runs every compiled test file (dist/test/**/*.test.js) with node's own runner. Node 20's
// `--test` does not expand globs, so the list is built here. Pass file-name filters to narrow it:
//   node test/run-tests.js ingest graphql
const { readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..', 'dist', 'test');
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith('.test.js') ? [full] : [];
  });
}
const filters = process.argv.slice(2);
const files = walk(root)
  .filter((f) => !filters.length || filters.some((x) => relative(root, f).includes(x)))
  .sort();
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}
// A hung test (an embedded-database call that never returns) fails after 10 minutes instead of
// holding CI to its 90-minute limit; the slowest test today takes about a minute.
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-timeout=600000', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
