import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found from this file whether it runs from `src/` (ts) or `dist/src/` (js). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'cypher'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('whohas: cannot find the project root (package.json + cypher/)');
    dir = parent;
  }
  return dir;
}
