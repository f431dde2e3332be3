import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectRoot } from '../src/paths';
import { fixtureDir } from './helpers/graphql-http';

// `whohas export`, `backup` and `restore` as a person runs them: the real CLI in child processes on a
// Kuzu database in a temp folder. In order: each builds on what the one before left.
const BIN = join(projectRoot(), 'bin', 'whohas.js');
const work = mkdtempSync(join(tmpdir(), 'whohas-cli-ops-'));
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(WHOHAS_|NEO4J_|PORT$)/.test(k)));
Object.assign(env, { WHOHAS_DB: join(work, 'db', 'whohas.kuzu'), WHOHAS_DEMO: 'false' });

function whohas(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('whohas export / backup / restore (CLI)', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  test('export writes the bundle and says what it holds', () => {
    assert.equal(whohas('ingest', fixtureDir('acme')).code, 0);
    const r = whohas('export', join(work, 'out'), '--exported-at', '2026-11-01T00:00:00Z');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /exported the graph \(version 1-[0-9a-f]+\) to .*out \(directly from the kuzu store\)/);
    assert.match(r.stdout, /identities 7/);
    assert.deepEqual(JSON.parse(readFileSync(join(work, 'out', 'source.json'), 'utf8')), {
      source: 'acme-hr',
      mode: 'full',
      exportedAt: '2026-11-01T00:00:00Z',
    });
  });

  test('a non-empty target, a bad time or a missing folder fail with a code and a one-line reason', () => {
    const again = whohas('export', join(work, 'out'));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^whohas: OUTPUT_EXISTS: .* is not empty/);
    const bad = whohas('export', join(work, 'other'), '--exported-at', 'noon');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^whohas: BAD_USER_INPUT: exportedAt must be an ISO-8601 time/);
    assert.equal(whohas('export').code, 2);
  });

  test('backup, then restore over a changed store, brings back the graph the backup holds', () => {
    const b = whohas('backup', join(work, 'backup'));
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /backup of .* written to .*backup: \d+ file\(s\)/);
    assert.equal(whohas('ingest', fixtureDir('acme')).code, 0); // run 2: graph version moves on
    const refused = whohas('restore', join(work, 'backup'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^whohas: OUTPUT_EXISTS: .*--force/);
    const r = whohas('restore', join(work, 'backup'), '--force');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /restored .*: 7 identities, graph version 1-/);
    assert.match(r.stdout, /kept what was there as .*whohas\.kuzu\.replaced-/);
  });
});
