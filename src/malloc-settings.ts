import { spawn } from 'node:child_process';

/**
 * glibc malloc settings whohas runs under. Kuzu's worker threads allocate and free large buffers
 * (COPY's column chunks, query results); glibc raises its mmap threshold after each large free, so
 * later buffers come from per-thread arenas, and freed arena memory stays resident. In an L ingest,
 * glibc held 1.68 GB of which 0.54 GB was in use (malloc_stats, index phase); malloc_trim(0) gave
 * back 1.0 GB of RSS. A fixed threshold sends large buffers to mmap, returned to the system on free,
 * and two arenas bound what the threads can keep. Measured on the L5 ingest (one run each): peak RSS
 * 1,137 MB without, 945 MB with.
 *
 * glibc reads these once, when the process starts, so the CLI starts itself again under them
 * (`relaunchUnderMallocSettings`). WHOHAS_MALLOC_TUNING=off, or setting them yourself, skips that.
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });

/**
 * What to add to `env` before relaunching, or null: turned off, already set (by us or the
 * operator), or not glibc. The glibc check builds a process report (about 5 ms), so it comes last:
 * the relaunched child, which has the settings, never pays for it.
 */
export function mallocSettingsToAdd(env: NodeJS.ProcessEnv, glibcVersion: () => string | undefined): Record<string, string> | null {
  if (env.WHOHAS_MALLOC_TUNING === 'off') return null;
  if (Object.keys(MALLOC_SETTINGS).some((name) => env[name] !== undefined)) return null;
  return glibcVersion() ? { ...MALLOC_SETTINGS } : null;
}

function glibcVersion(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;

/**
 * Runs this process's command again as a child under MALLOC_SETTINGS and mirrors it: signals go
 * to the child, and its exit code (or signal) becomes this process's. Returns false, having done
 * nothing, when no relaunch is needed. The child is in its own process group, so Ctrl-C reaches
 * it once (through here), and it stops itself if this process dies without a word (SIGKILL).
 */
export function relaunchUnderMallocSettings(): boolean {
  const add = mallocSettingsToAdd(process.env, glibcVersion);
  if (!add) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...add },
    detached: true,
  });
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`whohas: could not start under the malloc settings (${e.message}); set WHOHAS_MALLOC_TUNING=off to run without them\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of FORWARDED) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
  return true;
}

/** In a relaunched child: stop when the parent is gone (its IPC channel closes), without keeping the process alive for it. */
export function followParent(): void {
  if (!process.send || !process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
