import type { Config } from '../config';
import { WhohasError } from '../errors';
import { readGraphVersion } from '../graph-version';
import { assertEmptyTarget } from '../export/bundle-writer';
import { readServerFile, serverFilePath } from '../server/server-file';
import { backupKuzu, restoreKuzu, type Companion } from '../store/kuzu-backup';
import { KuzuStore } from '../store/kuzu-store';

/**
 * What belongs with the database in its backup: ingest reject reports, and the decision log of
 * what-if simulations (an append-only hash chain, WHOHAS_AUDIT_DIR, default `<WHOHAS_DB>.audit`).
 */
function companions(config: Config): Companion[] {
  return [
    { name: 'runs', path: config.runsDir },
    { name: 'audit', path: config.auditDir },
  ];
}

function embeddedOnly(config: Config, what: string): void {
  if (config.store !== 'kuzu') {
    throw new WhohasError('BAD_USER_INPUT', `'whohas ${what}' is for the embedded store; back up Neo4j with neo4j-admin (docs/operations.md), or use 'whohas export'`);
  }
  const server = readServerFile(serverFilePath(config.kuzuPath));
  if (server) {
    throw new WhohasError(
      'STORE_LOCKED',
      `A whohas server (pid ${server.pid}) holds ${config.kuzuPath}; stop it first, or use 'whohas export <dir>', which works while it runs`,
    );
  }
}

export async function backupCommand(config: Config, dir: string, out: (s: string) => void): Promise<void> {
  embeddedOnly(config, 'backup');
  await assertEmptyTarget(dir, 'backup');
  const manifest = await backupKuzu(config.kuzuPath, dir, companions(config), { bufferBytes: config.kuzuBufferBytes });
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  out(`backup of ${config.kuzuPath} written to ${dir}: ${manifest.files.length} file(s), ${(bytes / 1024 / 1024).toFixed(1)} MB (Kuzu ${manifest.kuzuVersion})`);
  out(`  restore with: whohas restore ${dir}   (checks every file's SHA-256 first)`);
}

export async function restoreCommand(config: Config, dir: string, opts: { force: boolean }, out: (s: string) => void): Promise<void> {
  embeddedOnly(config, 'restore');
  const { manifest, movedAside } = await restoreKuzu(dir, config.kuzuPath, companions(config), { force: opts.force, bufferBytes: config.kuzuBufferBytes });
  // Proof the restored store opens and answers, before anyone serves from it.
  const store = new KuzuStore(config.kuzuPath, { bufferBytes: config.kuzuBufferBytes });
  await store.init();
  try {
    const [count] = await store.run('meta/node-count', {});
    const version = await store.read(readGraphVersion);
    out(`restored ${config.kuzuPath} from the backup of ${manifest.createdAt}: ${Number(count?.identities ?? 0)} identities, graph version ${version}`);
  } finally {
    await store.close();
  }
  for (const p of movedAside) out(`  kept what was there as ${p}`);
}
