#!/usr/bin/env node
'use strict';
// The CLI runs the compiled TypeScript; `npm install` builds it (the `prepare` script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const dist = join(__dirname, '..', 'dist', 'src');
const entry = join(dist, 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('whohas: not built yet; run `npm install` (or `npm run build`) in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
// glibc's malloc settings and V8's young generation apply from process start only: this may run the command again as a child (src/process-settings.ts).
const settings = require(join(dist, 'process-settings.js'));
if (!settings.relaunchUnderProcessSettings()) {
  settings.followParent();
  require(entry);
}
