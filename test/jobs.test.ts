import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { detectFormat } from '../ingest/registry';
import { loadConfig } from '../src/config';
import { parseJobConfig } from '../src/jobs/job-config';
import { runIngestRequest } from '../src/jobs/ingest-request';
import { nextDue, parseSchedule } from '../src/jobs/schedule';
import { startServer } from '../src/server/start-server';
import { identitiesById } from '../src/read/graph-reader';
import { fixtureDir } from './helpers/graphql-http';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const HRIS = join(fixtureDir('hris'), 'workers.csv');

function configError(yaml: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseJobConfig(yaml, 'whohas.config.yaml', env);
  } catch (e) {
    assert.equal((e as { code?: string }).code, 'CONFIG_INVALID');
    return (e as Error).message;
  }
  assert.fail('the config should have been refused');
}

describe('job config (whohas.config.yaml)', () => {
  it('reads sources, resolves relative locations against the file, and fills secrets from the environment', () => {
    const cfg = parseJobConfig(
      [
        'version: 1',
        'sources:',
        '  - name: workday',
        '    connector: hris-csv',
        '    location: exports/workers.csv',
        '    schedule: every 6h',
        '    options: { idPrefix: "wd:" }',
        '  - name: okta',
        '    connector: bundle',
        '    location: https://${OKTA_HOST}/export',
        '    mode: incremental',
      ].join('\n'),
      '/etc/whohas/whohas.config.yaml',
      { OKTA_HOST: 'acme.okta.example' },
    );
    assert.equal(cfg.jobs[0].location, '/etc/whohas/exports/workers.csv');
    assert.deepEqual(cfg.jobs[0].schedule, { kind: 'every', ms: 6 * 3_600_000, text: 'every 6h' });
    assert.equal(cfg.jobs[1].location, 'https://acme.okta.example/export');
    assert.equal(cfg.correlation[0].hint, 'employeeNumber', 'default correlation: employee number first, then email');
  });

  it('resolves path options of a connector against the config file, like the location', () => {
    const cfg = parseJobConfig(
      'sources:\n  - name: aws\n    connector: aws-iam\n    location: authz.json\n    options: { riskyActions: [lists/privesc.txt, /opt/lists/creds.txt] }\n',
      '/etc/whohas/whohas.config.yaml',
      {},
    );
    assert.deepEqual(cfg.jobs[0].options.riskyActions, ['/etc/whohas/lists/privesc.txt', '/opt/lists/creds.txt']);
  });

  it("accepts the README's example config as written", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(yaml, 'the README shows a whohas.config.yaml');
    const cfg = parseJobConfig(yaml, '/srv/whohas/whohas.config.yaml', { OKTA_DOMAIN: 'acme.okta.com' });
    assert.deepEqual(cfg.jobs.map((j) => j.connector), ['hris-csv', 'scim', 'aws-iam', 'cloudtrail']);
    assert.equal(cfg.jobs[1].location, 'https://acme.okta.com/scim/v2');
    assert.equal(cfg.jobs[2].options.riskyActions, '/srv/whohas/lists');
  });

  it('refuses mistakes with the line that holds them', () => {
    assert.match(configError('sources:\n  - name: a\n    connector: [oops\n'), /^whohas.config.yaml:\d+: not valid YAML/);
    assert.match(configError('sources:\n  - name: a\n    connector: hris-csv\n    location: x\n    shedule: every 1h\n'), /^whohas.config.yaml:5: sources.0: unknown key\(s\) shedule/);
    assert.match(configError('sources:\n  - name: a\n    connector: hris-csv\n    location: x\n    schedule: every 5 minutes\n'), /:5: sources.0.schedule: 'every 5 minutes' must be 'every <n>m\|h\|d'/);
    assert.match(configError('sources:\n  - name: a\n    connector: ldap\n    location: x\n'), /:2: source 'a': Unknown format 'ldap'; known formats: bundle, hris-csv, scim, aws-iam/);
    assert.match(configError('sources:\n  - name: a\n    connector: hris-csv\n    location: x\n    options: { dateOrder: dmy, idprefix: x }\n'), /:2: source 'a': hris-csv options: unknown option\(s\) idprefix/);
    assert.match(configError('sources:\n  - name: a\n    connector: hris-csv\n    location: ${HR_EXPORT}\n'), /:4: environment variable HR_EXPORT is not set/);
    assert.match(configError('sources:\n  - name: a\n    connector: hris-csv\n    location: x\n  - name: a\n    connector: bundle\n    location: y\n'), /:5: two sources are named 'a'/);
  });
});

describe('schedules', () => {
  it('parses the forms people write and refuses the rest', () => {
    assert.deepEqual(parseSchedule('every 15m'), { kind: 'every', ms: 900_000, text: 'every 15m' });
    assert.deepEqual(parseSchedule('daily 02:30'), { kind: 'daily', minuteOfDay: 150, text: 'daily 02:30' });
    assert.equal(typeof parseSchedule('*/5 * * * *'), 'string');
    assert.equal(typeof parseSchedule('daily 25:00'), 'string');
  });

  it('computes the next run from the last start', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const every = parseSchedule('every 6h') as Exclude<ReturnType<typeof parseSchedule>, string>;
    assert.equal(nextDue(every, null, now).toISOString(), now.toISOString(), 'never ran: due now');
    assert.equal(nextDue(every, new Date('2026-11-23T07:00:00Z'), now).toISOString(), '2026-11-23T13:00:00.000Z');
    const daily = parseSchedule('daily 02:00') as Exclude<ReturnType<typeof parseSchedule>, string>;
    assert.equal(nextDue(daily, new Date('2026-11-23T02:00:05Z'), now).toISOString(), '2026-11-24T02:00:00.000Z');
    assert.equal(nextDue(daily, new Date('2026-11-22T23:00:00Z'), now).toISOString(), '2026-11-23T02:00:00.000Z');
  });
});

describe('format detection (whohas ingest PATH)', () => {
  it('recognises a bundle folder and an HR export, and asks for --format otherwise', async () => {
    assert.equal((await detectFormat(fixtureDir('acme'))).format, 'bundle');
    assert.equal((await detectFormat(HRIS)).format, 'hris-csv');
    const odd = writeBundle({ 'notes.txt': 'hello' });
    await assert.rejects(detectFormat(odd), /Could not tell what format .* is; pass --format \(one of: bundle, hris-csv, scim/);
  });
});

describe('sources stay apart: a full run of one never removes another', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('two full sources, one shrinking, leave the other whole', async () => {
    const cfg = parseJobConfig(
      `sources:\n  - name: hr\n    connector: hris-csv\n    location: ${HRIS}\n  - name: apps\n    connector: bundle\n    location: ${fixtureDir('acme')}\n    mode: full\n`,
      join(t.dir, 'whohas.config.yaml'),
      {},
    );
    const ctx = { ingest: { maxFileBytes: 10 * 1024 * 1024, runsDir: join(t.dir, 'runs'), maxPathsPerGrant: 8 }, jobs: cfg };
    const hr = await runIngestRequest(t.store, { job: 'hr' }, ctx);
    const apps = await runIngestRequest(t.store, { job: 'apps' }, ctx);
    assert.equal(hr.status, 'succeeded');
    assert.equal(apps.status, 'succeeded');
    assert.equal(apps.source, 'apps', 'the job name is the source, whatever source.json says');
    const acmeIdentities = apps.counts.identities;

    const lines = readFileSync(HRIS, 'utf8').split('\n').filter((l) => !l.startsWith('1004,'));
    const smaller = writeBundle({ 'workers.csv': lines.join('\n') });
    cfg.jobs[0].location = join(smaller, 'workers.csv');
    const again = await runIngestRequest(t.store, { job: 'hr' }, ctx);
    assert.equal(again.counts['removed.identities'], 1);
    assert.equal(again.counts['removed.accounts'] ?? 0, 0);
    const [gone, ceo] = await t.store.read((tx) => identitiesById(tx, ['hr:1004', 'hr:1001']));
    assert.equal(gone, null);
    assert.equal(ceo?.id, 'hr:1001');
    const left = await t.store.run('meta/node-count', {});
    assert.equal(Number(left[0].identities), 10 + acmeIdentities, 'every identity of the other source is still there');
  });
});

describe('the server runs scheduled jobs, and remembers them across restarts', () => {
  it('runs a due job at start, records it, and does not run it again after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whohas-jobs-'));
    try {
      const configPath = join(dir, 'whohas.config.yaml');
      writeFileSync(configPath, `sources:\n  - name: workday\n    connector: hris-csv\n    location: ${HRIS}\n    schedule: every 1h\n`);
      const lines: string[] = [];
      const log = (level: string, msg: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ level, msg, ...fields }));
      const env = { WHOHAS_DB: join(dir, 'db.kuzu'), PORT: '0', WHOHAS_DEMO: 'false', WHOHAS_CONFIG: configPath };
      let server = await startServer(loadConfig(env), { log });
      await server.ready;
      await waitFor(() => lines.some((l) => l.includes('"job succeeded"')));
      const runs = await gql(server.url, '{ ingestRuns(first: 5) { edges { node { source status counts notes } } } }');
      assert.equal(runs.ingestRuns.edges.length, 1);
      const run = runs.ingestRuns.edges[0].node;
      assert.equal(run.source, 'workday');
      assert.equal(run.status, 'SUCCEEDED');
      assert.equal(run.counts.identities, 11);
      assert.equal(run.notes.length, 2);
      assert.ok(lines.some((l) => /"msg":"scheduler started".*workday \(every 1h\)/.test(l)));
      await server.close();

      lines.length = 0;
      server = await startServer(loadConfig(env), { log, schedulerTickMs: 20 });
      await server.ready;
      await new Promise((r) => setTimeout(r, 300));
      const after = await gql(server.url, '{ ingestRuns(first: 5) { totalCount } }');
      assert.equal(after.ingestRuns.totalCount, 1, 'an hourly job that ran a moment ago is not due again');
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function gql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data: any; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

