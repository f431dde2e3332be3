import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import kuzu from 'kuzu';
import { z } from 'zod';
import { WhohasError, errorMessage } from '../errors';

/**
 * Physical backup of the embedded store: the Kuzu database file (checkpointed, so the WAL is empty)
 * plus folders that belong with it (run reports, the decision log), with a manifest of sizes and
 * SHA-256 sums. Taken only while no other process has the database open: Kuzu's own file lock is the
 * guard (a read-only open holds a shared lock, so no writer can start during the copy).
 * Restorable only into the same Kuzu storage version; across versions, use `whohas export` + ingest.
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'whohas-kuzu-backup';

const Manifest = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  kuzuVersion: z.string(),
  kuzuStorageVersion: z.string(),
  database: z.string(),
  files: z.array(z.strictObject({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupManifest = z.infer<typeof Manifest>;

/** A folder kept beside the database (e.g. `<db>.runs`), copied into the backup under `name/`. */
export interface Companion {
  name: string;
  path: string;
}

const STORE_DIR = 'store';

function lockedOrUnavailable(path: string, e: unknown): WhohasError {
  const msg = errorMessage(e);
  if (/lock/i.test(msg)) {
    return new WhohasError('STORE_LOCKED', `The database at ${path} is open in another process; stop the whohas server (or use 'whohas export', which works while it runs)`);
  }
  return new WhohasError('STORE_UNAVAILABLE', `Cannot open the Kuzu database at ${path}: ${msg}`);
}

/** Opens and closes the database read-write: proves no one else has it, and closing checkpoints the WAL into the file. */
async function checkpointByReopening(dbPath: string, bufferBytes: number): Promise<void> {
  const db = new kuzu.Database(dbPath, bufferBytes);
  try {
    await db.init();
  } catch (e) {
    throw lockedOrUnavailable(dbPath, e);
  }
  await db.close();
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function copyInto(from: string, root: string, to: string, files: BackupManifest['files']): Promise<void> {
  await mkdir(dirname(join(root, to)), { recursive: true });
  await copyFile(from, join(root, to));
  files.push({ path: to, bytes: (await stat(join(root, to))).size, sha256: await sha256(join(root, to)) });
}

export async function backupKuzu(dbPath: string, target: string, companions: Companion[], opts: { bufferBytes: number; now?: Date }): Promise<BackupManifest> {
  dbPath = resolve(dbPath);
  target = resolve(target);
  if (!existsSync(dbPath)) throw new WhohasError('STORE_UNAVAILABLE', `There is no database at ${dbPath} to back up`);
  await checkpointByReopening(dbPath, opts.bufferBytes);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${randomBytes(3).toString('hex')}`);
  const shared = new kuzu.Database(dbPath, opts.bufferBytes, true, true); // read-only: a shared lock for the copy
  try {
    await shared.init();
  } catch (e) {
    throw lockedOrUnavailable(dbPath, e); // a writer got in between the two opens
  }
  try {
    await mkdir(partial, { recursive: true });
    const files: BackupManifest['files'] = [];
    const name = basename(dbPath);
    await copyInto(dbPath, partial, `${STORE_DIR}/${name}`, files);
    if (existsSync(`${dbPath}.wal`)) await copyInto(`${dbPath}.wal`, partial, `${STORE_DIR}/${name}.wal`, files);
    for (const c of companions) {
      if (!existsSync(c.path)) continue;
      for (const file of await listFiles(c.path)) await copyInto(file, partial, `${c.name}/${relative(c.path, file)}`, files);
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      version: 1,
      createdAt: (opts.now ?? new Date()).toISOString(),
      kuzuVersion: kuzu.VERSION,
      kuzuStorageVersion: String(kuzu.STORAGE_VERSION),
      database: name,
      files,
    };
    await writeFile(join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    await rmdir(target).catch(() => undefined); // an empty target folder; rename() replaces only that
    await rename(partial, target);
    return manifest;
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  } finally {
    await shared.close();
  }
}

/** Reads the manifest and checks every file against it and this Kuzu; nothing is touched yet. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')));
  } catch (e) {
    throw new WhohasError('BACKUP_INVALID', `${dir} is not a whohas backup (its ${MANIFEST} is missing or unreadable: ${errorMessage(e).split('\n')[0]})`);
  }
  if (manifest.kuzuStorageVersion !== String(kuzu.STORAGE_VERSION)) {
    throw new WhohasError(
      'BACKUP_INVALID',
      `The backup was made with Kuzu ${manifest.kuzuVersion} (storage version ${manifest.kuzuStorageVersion}); this whohas has Kuzu ${kuzu.VERSION} ` +
        `(storage version ${kuzu.STORAGE_VERSION}). Restore it with the matching whohas, then move across with 'whohas export' and ingest`,
    );
  }
  for (const f of manifest.files) {
    const path = join(dir, f.path);
    if (!existsSync(path) || (await stat(path)).size !== f.bytes || (await sha256(path)) !== f.sha256) {
      throw new WhohasError('BACKUP_INVALID', `${f.path} in the backup is missing or does not match its checksum; the backup is damaged`);
    }
  }
  return manifest;
}

/**
 * Puts a verified backup in place of `dbPath` (and its companions). What was there is moved aside to
 * `<path>.replaced-<time>`, never deleted: a restore over the wrong database must be undoable.
 */
export async function restoreKuzu(
  dir: string,
  dbPath: string,
  companions: Companion[],
  opts: { force: boolean; bufferBytes: number; now?: Date },
): Promise<{ manifest: BackupManifest; movedAside: string[] }> {
  dir = resolve(dir);
  dbPath = resolve(dbPath);
  const manifest = await verifyBackup(dir);
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const existing = [dbPath, `${dbPath}.wal`, ...companions.map((c) => c.path)].filter((p) => existsSync(p));
  if (existsSync(dbPath)) {
    if (!opts.force) {
      throw new WhohasError('OUTPUT_EXISTS', `A database exists at ${dbPath}; pass --force to replace it (it is kept as ${dbPath}.replaced-<time>)`);
    }
    await checkpointByReopening(dbPath, opts.bufferBytes); // refuses while a server holds it
  }
  const movedAside: string[] = [];
  for (const p of existing) {
    await rename(p, `${p}.replaced-${stamp}`);
    movedAside.push(`${p}.replaced-${stamp}`);
  }
  await mkdir(dirname(dbPath), { recursive: true });
  for (const f of manifest.files) {
    const [head, ...rest] = f.path.split('/');
    let to: string;
    if (head === STORE_DIR) to = rest.join('/') === manifest.database ? dbPath : `${dbPath}.wal`;
    else {
      const companion = companions.find((c) => c.name === head);
      if (!companion) continue; // a folder this whohas does not keep; left in the backup
      to = join(companion.path, ...rest);
    }
    await mkdir(dirname(to), { recursive: true });
    const temp = `${to}.restoring-${process.pid}`;
    await copyFile(join(dir, f.path), temp);
    await rename(temp, to);
  }
  return { manifest, movedAside };
}
