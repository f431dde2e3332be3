import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { WhohasError } from '../errors';
import { Role } from './roles';

/**
 * API keys, stored hashed beside the database (`<WHOHAS_DB>.keys.json`, mode 0600). A key is
 * `whk_<id>_<secret>`: the id finds the record, the secret (256 random bits) is kept only as its
 * SHA-256. A slow hash (scrypt) would add nothing against a 256-bit random secret and would cost
 * every request; the comparison is constant-time.
 */
const KeyRecord = z.object({
  id: z.string().regex(/^[0-9a-f]{12}$/),
  name: z.string().min(1).max(100),
  role: Role,
  agentIdentityId: z.string().min(1).max(512).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type KeyRecord = z.infer<typeof KeyRecord>;
export type KeyInfo = Omit<KeyRecord, 'sha256'>;

const KeyFile = z.object({
  version: z.literal(1),
  /** Keys the pseudonyms in exports for the `bi` role (src/auth/pseudonym.ts); stable across restarts. */
  pseudonymKey: z.string().regex(/^[0-9a-f]{64}$/),
  keys: z.array(KeyRecord),
});
type KeyFile = z.infer<typeof KeyFile>;

const KEY_FORMAT = /^whk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME = /^[\w.@:-]{1,100}$/;

export function keysFilePath(kuzuPath: string): string {
  return `${kuzuPath}.keys.json`;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('whk_');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function info(r: KeyRecord): KeyInfo {
  const { sha256: _hash, ...rest } = r;
  return rest;
}

/** Written whole to a temporary file, flushed, then renamed over: a reader sees the old file or the new one. */
function writeAtomically(path: string, text: string): void {
  // On a fresh checkout the database folder does not exist yet: the key file is written before the store opens.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export class KeyStore {
  private file: KeyFile | null = null;
  /** mtime, size and inode of what `file` was read from: a change (a CLI `keys create` or `revoke`) is re-read. */
  private seen = '';

  constructor(readonly path: string) {}

  private stamp(): string {
    try {
      const s = statSync(this.path);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'missing';
    }
  }

  private current(): KeyFile | null {
    const stamp = this.stamp();
    if (stamp === this.seen) return this.file;
    if (stamp === 'missing') {
      this.file = null;
    } else {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(this.path, 'utf8'));
      } catch (e) {
        throw new WhohasError('CONFIG_INVALID', `The API key file ${this.path} is not readable JSON: ${(e as Error).message}`);
      }
      const parsed = KeyFile.safeParse(raw);
      if (!parsed.success) throw new WhohasError('CONFIG_INVALID', `The API key file ${this.path} is malformed: ${parsed.error.issues[0].message}`);
      this.file = parsed.data;
    }
    this.seen = stamp;
    return this.file;
  }

  private save(file: KeyFile): void {
    writeAtomically(this.path, `${JSON.stringify(file, null, 2)}\n`);
    this.file = file;
    this.seen = this.stamp();
  }

  private fileOrNew(): KeyFile {
    return this.current() ?? { version: 1, pseudonymKey: randomBytes(32).toString('hex'), keys: [] };
  }

  /** The new key in clear text is returned once and never stored. */
  create(opts: { role: Role; name?: string; agentIdentityId?: string | null; now?: Date }): { key: string; info: KeyInfo } {
    const file = this.fileOrNew();
    const id = randomBytes(6).toString('hex');
    const name = opts.name ?? `${opts.role}-${id}`;
    if (!NAME.test(name)) throw new WhohasError('BAD_USER_INPUT', `Key name '${name.slice(0, 100)}' may use letters, digits and . _ @ : - only (1-100)`);
    if (file.keys.some((k) => k.name === name && !k.revokedAt)) throw new WhohasError('BAD_USER_INPUT', `An active key named '${name}' exists; revoke it first or pick another name`);
    if (opts.agentIdentityId && opts.role !== 'agent') throw new WhohasError('BAD_USER_INPUT', 'Only an agent key can be bound to an identity (--agent needs --role agent)');
    const secret = randomBytes(32).toString('base64url');
    const record: KeyRecord = {
      id, name, role: opts.role, agentIdentityId: opts.agentIdentityId ?? null, sha256: sha256(secret),
      createdAt: (opts.now ?? new Date()).toISOString(), revokedAt: null,
    };
    this.save({ ...file, keys: [...file.keys, record] });
    return { key: `whk_${id}_${secret}`, info: info(record) };
  }

  list(): KeyInfo[] {
    return (this.current()?.keys ?? []).map(info);
  }

  /** By id or name; revoking twice is not an error (the first time is kept). */
  revoke(idOrName: string, now = new Date()): KeyInfo {
    const file = this.fileOrNew();
    const matches = file.keys.filter((k) => k.id === idOrName || (k.name === idOrName && !k.revokedAt));
    if (matches.length !== 1) throw new WhohasError('NOT_FOUND', `No single key with id or active name '${idOrName.slice(0, 100)}'`);
    const target = matches[0];
    if (target.revokedAt) return info(target);
    const revoked = { ...target, revokedAt: now.toISOString() };
    this.save({ ...file, keys: file.keys.map((k) => (k === target ? revoked : k)) });
    return info(revoked);
  }

  hasActiveKeys(): boolean {
    return (this.current()?.keys ?? []).some((k) => !k.revokedAt);
  }

  /** The record of a presented key, or null (unknown, revoked, malformed or wrong secret: all look alike to the caller). */
  verify(presented: string): KeyInfo | null {
    const m = KEY_FORMAT.exec(presented);
    if (!m) return null;
    const record = this.current()?.keys.find((k) => k.id === m[1]);
    const expected = Buffer.from(record?.sha256 ?? '0'.repeat(64), 'hex');
    const same = timingSafeEqual(Buffer.from(sha256(m[2]), 'hex'), expected);
    return record && same && !record.revokedAt ? info(record) : null;
  }

  /** Creates and saves one the first time it is needed. */
  pseudonymKey(): Buffer {
    let file = this.current();
    if (!file) {
      file = this.fileOrNew();
      this.save(file);
    }
    return Buffer.from(file.pseudonymKey, 'hex');
  }
}
