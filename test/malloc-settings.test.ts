import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MALLOC_SETTINGS, mallocSettingsToAdd } from '../src/malloc-settings';
import { projectRoot } from '../src/paths';

const glibc = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime;

/** Starts the relaunch fixture with no malloc settings in its environment; resolves at its first line. */
async function startFixture(mode: 'exit' | 'wait') {
  const env = { ...process.env };
  for (const name of [...Object.keys(MALLOC_SETTINGS), 'WHOHAS_MALLOC_TUNING']) delete env[name];
  const fixture = join(projectRoot(), 'test', 'fixtures', 'malloc', 'relaunch.js');
  const parent = spawn(process.execPath, [fixture, join(__dirname, '..', 'src', 'malloc-settings.js'), mode], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  parent.stdout.on('data', (d) => (out += d));
  const exited = once(parent, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  while (!out.includes('\n') && parent.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  const seen = JSON.parse(out.split('\n')[0]) as { arenaMax: string | null; threshold: string | null; pid: number };
  return { parent, seen, exited, output: () => out };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('glibc malloc settings (src/malloc-settings.ts)', () => {
  it('are added on glibc unless turned off or already set by the operator', () => {
    assert.deepEqual(mallocSettingsToAdd({}, () => '2.36'), { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
    assert.equal(mallocSettingsToAdd({}, () => undefined), null, 'musl, macOS, Windows: nothing to set');
    assert.equal(mallocSettingsToAdd({ WHOHAS_MALLOC_TUNING: 'off' }, () => '2.36'), null);
    assert.equal(mallocSettingsToAdd({ MALLOC_ARENA_MAX: '8' }, () => '2.36'), null, "the operator's own choice stands");
  });

  it('run the command again under them, and hand back its exit code', { skip: !glibc && 'not glibc' }, async () => {
    const { parent, seen, exited } = await startFixture('exit');
    const [code] = await exited;
    assert.deepEqual({ arenaMax: seen.arenaMax, threshold: seen.threshold }, { arenaMax: '2', threshold: '131072' });
    assert.notEqual(seen.pid, parent.pid, 'the command ran in a child');
    assert.equal(code, 7);
  });

  it('forward a stop signal to the relaunched command, which stops by itself if its parent is killed', { skip: !glibc && 'not glibc' }, async () => {
    const first = await startFixture('wait');
    first.parent.kill('SIGTERM');
    const [code] = await first.exited;
    assert.equal(code, 0);
    assert.match(first.output(), /stopping/);

    const second = await startFixture('wait');
    second.parent.kill('SIGKILL');
    await second.exited;
    for (let i = 0; i < 100 && alive(second.seen.pid); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(alive(second.seen.pid), false, 'the child outlived its killed parent');
  });
});
