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
 * (`relaunchUnderProcessSettings`). WHOHAS_MALLOC_TUNING=off, or setting them yourself, skips that.
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

/**
 * V8's young generation, in MB per semi-space (V8's own limit is 16). Every minor collection
 * costs a fixed share that grows with the old generation: with the what-if model held (about
 * 800 MB at L) a scavenge took 3.3 ms where it took 1.2 ms on an empty heap, though as little
 * survived, and the mixed reads made 3.3-3.6 s of scavenges in 15 s instead of 1.7 s. A larger
 * young generation collects a quarter as often; it costs up to 3x the setting in resident memory.
 */
export const DEFAULT_SEMI_SPACE_MB = 64;

/**
 * The node flag to add for the young generation, or null: WHOHAS_SEMI_SPACE_MB=0 (V8's own),
 * not a whole number (the config check reports it), or already given to node by the operator.
 * V8 sizes its heap when the process starts, so this too needs the relaunch.
 */
export function semiSpaceFlagToAdd(env: NodeJS.ProcessEnv, execArgv: readonly string[]): string | null {
  const raw = env.WHOHAS_SEMI_SPACE_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_SEMI_SPACE_MB;
  if (!Number.isInteger(mb) || mb <= 0) return null;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((arg) => /^--max[-_]semi[-_]space[-_]size\b/.test(arg))) return null;
  return `--max-semi-space-size=${mb}`;
}

function glibcVersion(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;

/**
 * Runs this process's command again as a child under MALLOC_SETTINGS and the young-generation
 * flag (whichever it lacks) and mirrors it: signals go
 * to the child, and its exit code (or signal) becomes this process's. Returns false, having done
 * nothing, when no relaunch is needed. The child is in its own process group, so Ctrl-C reaches
 * it once (through here), and it stops itself if this process dies without a word (SIGKILL).
 */
export function relaunchUnderProcessSettings(): boolean {
  const flag = semiSpaceFlagToAdd(process.env, process.execArgv);
  const add = mallocSettingsToAdd(process.env, glibcVersion);
  if (!add && !flag) return false;
  const child = spawn(process.execPath, [...(flag ? [flag] : []), ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...add },
    detached: true,
  });
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`whohas: could not start again under its process settings (${e.message}); set WHOHAS_MALLOC_TUNING=off and WHOHAS_SEMI_SPACE_MB=0 to run without them\n`);
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
