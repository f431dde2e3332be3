import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line the CLI cannot run: it prints why and the usage, and exits 2. */
export class UsageError extends Error {}

export function usage(message: string): UsageError {
  return new UsageError(message);
}

/** `--help` or `-h` among a command's arguments (before a `--`): the caller prints the usage instead. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * node's parseArgs, with its refusals (an unknown option, a missing value, a stray argument) turned
 * into usage errors: they are the caller's mistake, not an internal failure.
 */
export function parseFlags<T extends Omit<ParseArgsConfig, 'strict' | 'tokens'>>(command: string, config: T) {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) throw usage(`${command}: ${(e as Error).message}`);
    throw e;
  }
}
