import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MALLOC_SETTINGS, mallocSettingsToAdd, semiSpaceFlagToAdd } from '../src/process-settings';
import { projectRoot } from '../src/paths';

const glibc = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime;

/** Starts the relaunch fixture with no process settings in its environment (but `extra`); resolves at its first line. */
async function startFixture(mode: 'exit' | 'wait', extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  for (const name of [...Object.keys(MALLOC_SETTINGS), 'WHOHAS_MALLOC_TUNING', 'WHOHAS_SEMI_SPACE_MB']) delete env[name];
  Object.assign(env, extra);
  const fixture = join(projectRoot(), 'test', 'fixtures', 'process-settings', 'relaunch.js');
  const parent = spawn(process.execPath, [fixture, join(__dirname, '..', 'src', 'process-settings.js'), mode], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  parent.stdout.on('data', (d) => (out += d));
  const exited = once(parent, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  while (!out.includes('\n') && parent.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  const seen = JSON.parse(out.split('\n')[0]) as { arenaMax: string | null; threshold: string | null; pid: number; semiSpace: string | null };
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

describe('process settings: glibc malloc and the young generation (src/process-settings.ts)', () => {
  it('are added on glibc unless turned off or already set by the operator', () => {
    assert.deepEqual(mallocSettingsToAdd({}, () => '2.36'), { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
    assert.equal(mallocSettingsToAdd({}, () => undefined), null, 'musl, macOS, Windows: nothing to set');
    assert.equal(mallocSettingsToAdd({ WHOHAS_MALLOC_TUNING: 'off' }, () => '2.36'), null);
    assert.equal(mallocSettingsToAdd({ MALLOC_ARENA_MAX: '8' }, () => '2.36'), null, "the operator's own choice stands");
  });

  it('give V8 a 64 MB young generation unless set to 0, malformed, or given to node already', () => {
    assert.equal(semiSpaceFlagToAdd({}, []), '--max-semi-space-size=64');
    assert.equal(semiSpaceFlagToAdd({ WHOHAS_SEMI_SPACE_MB: '32' }, []), '--max-semi-space-size=32');
    assert.equal(semiSpaceFlagToAdd({ WHOHAS_SEMI_SPACE_MB: '0' }, []), null, "0: V8's own size");
    assert.equal(semiSpaceFlagToAdd({ WHOHAS_SEMI_SPACE_MB: 'lots' }, []), null, 'the config check names the bad value');
    assert.equal(semiSpaceFlagToAdd({}, ['--expose-gc', '--max-semi-space-size=8']), null, 'the flag on the command line stands');
    assert.equal(semiSpaceFlagToAdd({ NODE_OPTIONS: '--max_semi_space_size=8' }, []), null, 'and in NODE_OPTIONS');
  });

  it('run the command again under them, and hand back its exit code', { skip: !glibc && 'not glibc' }, async () => {
    const { parent, seen, exited } = await startFixture('exit');
    const [code] = await exited;
    assert.deepEqual(
      { arenaMax: seen.arenaMax, threshold: seen.threshold, semiSpace: seen.semiSpace },
      { arenaMax: '2', threshold: '131072', semiSpace: '--max-semi-space-size=64' },
    );
    assert.notEqual(seen.pid, parent.pid, 'the command ran in a child');
    assert.equal(code, 7);
  });

  it('relaunch for whichever setting is missing, and not at all when none is', async () => {
    const own = await startFixture('exit', { MALLOC_ARENA_MAX: '8' });
    await own.exited;
    assert.notEqual(own.seen.pid, own.parent.pid, 'relaunched for the young generation alone');
    assert.deepEqual({ arenaMax: own.seen.arenaMax, semiSpace: own.seen.semiSpace }, { arenaMax: '8', semiSpace: '--max-semi-space-size=64' });

    const none = await startFixture('exit', { WHOHAS_MALLOC_TUNING: 'off', WHOHAS_SEMI_SPACE_MB: '0' });
    const [code] = await none.exited;
    assert.equal(none.seen.pid, none.parent.pid, 'ran in place');
    assert.deepEqual({ arenaMax: none.seen.arenaMax, semiSpace: none.seen.semiSpace, code }, { arenaMax: null, semiSpace: null, code: 7 });
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
