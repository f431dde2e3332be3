import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Where a running server says "I hold this store; send ingests to me", beside the database. */
export function serverFilePath(kuzuPath: string): string {
  return `${kuzuPath}.server.json`;
}

const ServerFile = z.object({ pid: z.number().int(), url: z.string().url(), adminToken: z.string().min(16) });
export type ServerFile = z.infer<typeof ServerFile>;

export function newAdminToken(): string {
  return randomBytes(24).toString('hex');
}

export function writeServerFile(path: string, info: ServerFile): void {
  writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
}

export function removeServerFile(path: string, pid = process.pid): void {
  const current = readServerFile(path);
  if (current && current.pid === pid) rmSync(path, { force: true });
}

/** The running server for this store, if its file exists and its process is alive. */
export function readServerFile(path: string): ServerFile | null {
  let parsed;
  try {
    parsed = ServerFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return null; // a stale file from a server that died without cleaning up
  }
  return parsed.data;
}
