import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backupCommand, restoreCommand } from '../src/cli/backup-command';
import { loadConfig, type Config } from '../src/config';
import { startServer } from '../src/server/start-server';
import { KuzuStore } from '../src/store/kuzu-store';
import { MANIFEST } from '../src/store/kuzu-backup';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { fixtureDir } from './helpers/graphql-http';
import { graphSnapshot, type GraphSnapshot } from './helpers/snapshot';

/** Opens the store at the config's path for one piece of work, as a CLI run would, and closes it. */
async function withStore<T>(config: Config, work: (store: KuzuStore) => Promise<T>): Promise<T> {
  const store = new KuzuStore(config.kuzuPath);
  await store.init();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('backup and restore of the embedded store', () => {
  const work = mkdtempSync(join(tmpdir(), 'whohas-backup-'));
  const config = loadConfig({ WHOHAS_DB: join(work, 'data', 'whohas.kuzu'), WHOHAS_DEMO: 'false' });
  const lines: string[] = [];
  const out = (s: string) => lines.push(s);
  let before_: GraphSnapshot;

  before(async () => {
    before_ = await withStore(config, async (store) => {
      const run = await ingestBundle(store, fixtureDir('acme'), { maxFileBytes: 1 << 24, runsDir: config.runsDir, maxPathsPerGrant: 8 });
      assert.equal(run.status, 'succeeded');
      return graphSnapshot(store);
    });
    // What lives beside the database: a reject report and the simulate feature's decision log.
    mkdirSync(config.runsDir, { recursive: true });
    writeFileSync(join(config.runsDir, 'run-000001.rejects.ndjson'), '{"file":"x","line":1}\n');
    mkdirSync(`${config.kuzuPath}.audit`, { recursive: true });
    writeFileSync(join(`${config.kuzuPath}.audit`, 'decisions.jsonl'), '{"seq":1,"hash":"abc"}\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('a backup holds the checkpointed database, its companions and a manifest of checksums', async () => {
    await backupCommand(config, join(work, 'backup'), out);
    const manifest = JSON.parse(readFileSync(join(work, 'backup', MANIFEST), 'utf8'));
    assert.deepEqual(
      manifest.files.map((f: { path: string }) => f.path).sort(),
      ['audit/decisions.jsonl', 'runs/run-000001.rejects.ndjson', 'store/whohas.kuzu'],
    );
    assert.match(lines.join('\n'), /restore with: whohas restore/);
  });

  test('restore puts the graph back exactly, keeping what it replaced', async () => {
    // The store moves on after the backup: a full run of the same source that drops most of it.
    const smaller = join(work, 'smaller');
    mkdirSync(smaller);
    writeFileSync(join(smaller, 'source.json'), readFileSync(join(fixtureDir('acme'), 'source.json')));
    writeFileSync(join(smaller, 'identities.ndjson'), readFileSync(join(fixtureDir('acme'), 'identities.ndjson'), 'utf8').split('\n')[0] + '\n');
    await withStore(config, async (store) => {
      assert.equal((await ingestBundle(store, smaller, { maxFileBytes: 1 << 24, runsDir: config.runsDir, maxPathsPerGrant: 8 })).status, 'succeeded');
    });
    writeFileSync(join(`${config.kuzuPath}.audit`, 'decisions.jsonl'), '{"seq":1,"hash":"abc"}\n{"seq":2,"hash":"def"}\n');

    await assert.rejects(restoreCommand(config, join(work, 'backup'), { force: false }, out), { code: 'OUTPUT_EXISTS' });
    await restoreCommand(config, join(work, 'backup'), { force: true }, out);

    const after_ = await withStore(config, (store) => graphSnapshot(store));
    assert.deepEqual(after_, before_);
    assert.equal(readFileSync(join(`${config.kuzuPath}.audit`, 'decisions.jsonl'), 'utf8'), '{"seq":1,"hash":"abc"}\n');
    const aside = readdirSync(join(work, 'data')).filter((n) => n.includes('.replaced-'));
    assert.ok(aside.some((n) => /^whohas\.kuzu\.replaced-/.test(n)), aside.join(', '));
    assert.ok(aside.some((n) => /^whohas\.kuzu\.audit\.replaced-/.test(n)), aside.join(', '));
    assert.match(lines.join('\n'), /restored .* identities, graph version 1-/);
  });

  test('a damaged backup is refused before anything is touched', async () => {
    const damaged = join(work, 'damaged');
    await backupCommand(loadConfig({ WHOHAS_DB: config.kuzuPath, WHOHAS_DEMO: 'false' }), damaged, out);
    const file = join(damaged, 'runs', 'run-000001.rejects.ndjson');
    writeFileSync(file, readFileSync(file, 'utf8').replace('x', 'y'));
    const snapshot = await withStore(config, (store) => graphSnapshot(store));
    await assert.rejects(restoreCommand(config, damaged, { force: true }, out), { code: 'BACKUP_INVALID' });
    assert.deepEqual(await withStore(config, (store) => graphSnapshot(store)), snapshot);
    await assert.rejects(restoreCommand(config, join(work, 'smaller'), { force: true }, out), { code: 'BACKUP_INVALID' });
  });

  test('backup refuses while a server holds the store, and refuses a folder that is not empty', async () => {
    const server = await startServer({ ...config, port: 0 }, { log: () => undefined });
    try {
      await server.ready;
      await assert.rejects(backupCommand(config, join(work, 'while-serving'), out), { code: 'STORE_LOCKED' });
      assert.equal(existsSync(join(work, 'while-serving')), false);
    } finally {
      await server.close();
    }
    await assert.rejects(backupCommand(config, join(work, 'backup'), out), { code: 'OUTPUT_EXISTS' });
  });
});
