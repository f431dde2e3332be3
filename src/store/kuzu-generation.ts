import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import kuzu from 'kuzu';
import { WhohasError, errorMessage } from '../errors';

/**
 * Files of the generation switch (GraphStore.rebuild on Kuzu). The next graph is built in
 * `<db>.next`, a database nobody reads, and becomes `<db>` by one rename once it is complete and
 * closed (so checkpointed: its WAL is empty). A crash before the rename leaves `<db>` as it was and
 * an orphan `<db>.next`, which the next start removes.
 */
export const nextGenerationPath = (path: string): string => `${path}.next`;
export const stageDirOf = (path: string): string => `${path}.stage`;

export type KuzuDatabase = InstanceType<typeof kuzu.Database>;

/** The database file and what Kuzu keeps beside it (the WAL, and the shadow file of a checkpoint). */
export async function removeDatabaseFiles(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  await rm(`${path}.wal`, { force: true });
  await rm(`${path}.shadow`, { force: true });
}

/** What an interrupted rebuild left behind. */
export async function removeRebuildLeftovers(path: string): Promise<void> {
  await removeDatabaseFiles(nextGenerationPath(path));
  await rm(stageDirOf(path), { recursive: true, force: true });
}

export async function openDatabase(path: string, bufferBytes: number | undefined): Promise<KuzuDatabase> {
  const db = new kuzu.Database(path, bufferBytes);
  await db.init();
  return db;
}

/**
 * Puts the closed next generation in place of the closed live one. The live database was closed
 * cleanly, so its WAL holds nothing the file lacks; a WAL left beside the new file would be replayed
 * onto it, so it goes first.
 */
export async function promoteNextGeneration(path: string): Promise<void> {
  const next = nextGenerationPath(path);
  if (existsSync(`${next}.wal`)) {
    throw new WhohasError('STORE_UNAVAILABLE', `The new generation at ${next} was not checkpointed (its WAL remains); the live graph is kept`);
  }
  try {
    await rm(`${path}.wal`, { force: true });
    await rename(next, path);
  } catch (e) {
    throw new WhohasError('STORE_UNAVAILABLE', `Cannot switch the embedded store to its new generation: ${errorMessage(e)}`);
  }
}
