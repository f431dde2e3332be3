import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectRoot } from '../src/paths';
import { KuzuStore } from '../src/store/kuzu-store';
import { readGraphVersion } from '../src/graph-version';
import { riskHistory } from '../src/risk/snapshot';
import { parseRuleDocument } from '../src/sod/rules';
import { SOD_RULES } from './helpers/sod-world';
import { copyFixture, writeBundle } from './helpers/write-bundle';

// The real CLI in child processes, on a Kuzu database in a temp folder. The tests run in order:
// each builds on the database the one before left.

const ROOT = projectRoot();
const BIN = join(ROOT, 'bin', 'whohas.js');
const work = mkdtempSync(join(tmpdir(), 'whohas-cli-'));
const DB = join(work, 'db', 'whohas.kuzu');
const SERVER_FILE = `${DB}.server.json`;

const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(WHOHAS_|NEO4J_|PORT$)/.test(k)));
Object.assign(env, { WHOHAS_DB: DB, WHOHAS_DEMO: 'false', PORT: '0' });

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess, timeoutMs = 45_000): Promise<Result> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const whohas = (...args: string[]) => collect(spawn(process.execPath, [BIN, ...args], { env }));

function assertNoStack(r: Result): void {
  assert.doesNotMatch(r.stdout + r.stderr, /^\s+at\s|\(\S+:\d+:\d+\)/m, `no stack trace:\n${r.stdout}\n${r.stderr}`);
}

/** Why a command failed: one line on stderr. */
function assertOneLineError(r: Result, re: RegExp): void {
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(r.stderr, re);
  assertNoStack(r);
}

const SOURCE = { source: 'cli-test', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' };
const badBundle = writeBundle({
  'source.json': SOURCE,
  identities: [
    { id: 'cli:ok', kind: 'human', displayName: 'Ok', status: 'active' },
    { id: 'cli:robot', kind: 'robot', displayName: 'Robot', status: 'active' },
  ],
});

let server: ChildProcess | null = null;
after(() => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('whohas CLI', () => {
  test('version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = await whohas('version');
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), `whohas ${version}`);
  });

  test('no arguments prints usage and exits 2', async () => {
    const r = await whohas();
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /usage:[\s\S]*whohas ingest <path\|url> \[--format F\] \[--option k=v\][\s\S]*whohas ingest --job NAME/);
  });

  test('--help after a command prints usage and exits 0', async () => {
    for (const args of [['ingest', '--help'], ['keys', 'create', '-h'], ['serve', '--port', '1', '--help']]) {
      const r = await whohas(...args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /^usage:$[\s\S]*whohas ingest --job NAME/m, args.join(' '));
      assert.equal(r.stderr, '');
    }
  });

  test('an unknown option or a missing value is a usage error naming it, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['ingest', 'somewhere', '--bogus'], /^whohas: ingest: Unknown option '--bogus'/],
      [['ingest', 'somewhere', '--format'], /^whohas: ingest: Option '--format <value>' argument missing/],
      [['serve', 'extra'], /^whohas: serve: Unexpected argument 'extra'/],
      [['keys', 'list', '--role', 'admin'], /^whohas: keys list: Unknown option '--role'/],
    ];
    for (const [args, first] of cases) {
      const r = await whohas(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, first);
      assert.match(r.stderr, /usage:/);
      assert.doesNotMatch(r.stderr, /INTERNAL/);
      assertNoStack(r);
    }
  });

  const demo = join(work, 'demo');
  test('demo <dir> --humans 60 writes a bundle', async () => {
    const rules = join(work, 'demo-rules.yaml');
    const r = await whohas('demo', demo, '--humans', '60', '--rules', rules);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /demo bundle written to/);
    assert.match(r.stdout, /separation-of-duties rules for it written to .*demo-rules\.yaml/);
    assert.ok(parseRuleDocument(readFileSync(rules, 'utf8'), 'demo-rules.yaml', new Date()).rules.length >= 5);
    const files = readdirSync(demo);
    for (const f of ['source.json', 'identities.ndjson', 'accounts.ndjson', 'memberships.ndjson', 'grants.ndjson']) assert.ok(files.includes(f), f);
  });

  test('ingest <dir> prints a run summary and exits 0', async () => {
    const r = await whohas('ingest', demo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const identities = readFileSync(join(demo, 'identities.ndjson'), 'utf8').trim().split('\n').length;
    assert.match(r.stdout, /^run run-\d+-\w+: SUCCEEDED \(directly on the kuzu store\)$/m);
    assert.match(r.stdout, new RegExp(`loaded: identities ${identities},`));
    assert.match(r.stdout, /effective-access grants indexed: \d+/);
    assert.match(r.stdout, /graph version: \S+/);
    assert.doesNotMatch(r.stdout, /note: /);
    assert.equal(r.stderr, '');
    // The run's risk point is written before the CLI closes the store (it was lost when taken in the background).
    const runId = /^run (run-\d+-\w+):/m.exec(r.stdout)?.[1];
    const store = new KuzuStore(DB);
    await store.init();
    try {
      const points = [];
      for await (const p of riskHistory(store, null)) points.push(p);
      assert.deepEqual(points.map((p) => p.runId), [runId]);
      assert.ok((points[0].metrics.identities ?? 0) > 60, JSON.stringify(points[0].metrics).slice(0, 200));
    } finally {
      await store.close();
    }
  });

  test('ingest of a bundle with rejects prints where the reject report is', async () => {
    const r = await whohas('ingest', badBundle);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = /rejected records: 1; report: (\S+)/.exec(r.stdout)?.[1];
    assert.ok(report && existsSync(report), r.stdout);
    assert.equal(JSON.parse(readFileSync(report, 'utf8')).line, 2);
    assert.match(r.stdout, /identities\.ndjson:2: field 'kind'/);
  });

  test('ingest --strict of a bad bundle exits 1', async () => {
    const r = await whohas('ingest', badBundle, '--strict');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAILED/);
    assertOneLineError(r, /^whohas: BUNDLE_REJECTED: Strict mode: 1 record\(s\) rejected/);
  });

  test('ingest /nonexistent exits 1 with a one-line message', async () => {
    const r = await whohas('ingest', '/nonexistent');
    assert.equal(r.code, 1);
    assertOneLineError(r, /^whohas: BUNDLE_NOT_FOUND: .*\/nonexistent.*does not exist/);
  });

  const HRIS = join(ROOT, 'test', 'fixtures', 'hris', 'workers.csv');
  test('formats lists every connector', async () => {
    const r = await whohas('formats');
    assert.equal(r.code, 0);
    for (const f of ['bundle', 'hris-csv', 'scim', 'aws-iam', 'bloodhound', 'agent-registry', 'a2a-card', 'cloudtrail', 'ocsf', 'okta-log']) {
      assert.match(r.stdout, new RegExp(`^  ${f} `, 'm'));
    }
  });

  test('a reader that closes the pipe early ends the output quietly (no EPIPE trace, exit 0)', async () => {
    const child = spawn(process.execPath, [BIN, 'formats'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before node has started: its first write meets a pipe with no reader.
    child.stdout?.destroy();
    const r = await collect(child);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
  });

  test('ingest of an HR export picks its connector, prints notes, and refuses a bad option in one line', async () => {
    const r = await whohas('ingest', HRIS, '--source', 'workday');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /source workday, mode full/);
    assert.match(r.stdout, /loaded: identities 11,/);
    assert.match(r.stdout, /note: 1 worker\(s\) name a manager who is not in the export/);
    const bad = await whohas('ingest', HRIS, '--option', 'dateOrder=julian');
    assert.equal(bad.code, 1);
    assertOneLineError(bad, /^whohas: CONFIG_INVALID: hris-csv options: 'dateOrder'/);
  });

  test('rules load replaces the SoD rules, and refuses a bad file whole in one line', async () => {
    const dir = writeBundle({ 'rules.yaml': SOD_RULES, 'bad.yaml': SOD_RULES.replace('severity: low', 'severity: lowish') });
    const r = await whohas('rules', 'load', join(dir, 'rules.yaml'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^rules loaded \(directly on the kuzu store\): 2 rule\(s\), version 2026\.11\+[0-9a-f]{10}$/m);
    const bad = await whohas('rules', 'load', join(dir, 'bad.yaml'));
    assert.equal(bad.code, 1);
    assertOneLineError(bad, /^whohas: BAD_USER_INPUT: .*bad\.yaml:\d+: rule 2 \(rule 'LEDGER-01'\): severity: must be one of "low"\|.*; no rule was loaded/);
  });

  let stopped: Result | null = null;
  test('while `serve` holds the store, ingest goes through it and a second opener is refused', async () => {
    server = spawn(process.execPath, [BIN, 'serve'], { env });
    const exited = collect(server, 55_000);
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 30_000);
      server!.stdout!.on('data', (d) => {
        seen += d;
        const m = /serving GraphQL at (\S+)\/graphql/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exited.then((r) => reject(new Error(`server exited: ${JSON.stringify(r)}`)));
    });
    // The file names the process that holds the store: the CLI itself, or the child it relaunched under glibc's malloc settings.
    const recorded = Number(JSON.parse(readFileSync(SERVER_FILE, 'utf8')).pid);
    assert.ok(recorded === server.pid || parentOf(recorded) === server.pid, `server file pid ${recorded}, CLI pid ${server.pid}`);
    const gql = async (query: string) => {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { data: Record<string, unknown>; errors?: unknown };
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data;
    };
    const ALICE = '{ identity(id: "hr:alice") { displayName } graphVersion }';
    assert.equal((await gql(ALICE)).identity, null);

    const hr = await whohas('ingest', HRIS, '--format', 'hris-csv', '--source', 'workday');
    assert.equal(hr.code, 0, hr.stdout + hr.stderr);
    assert.match(hr.stdout, /SUCCEEDED \(through the running server\)/);
    assert.match(hr.stdout, /note: /);
    const unknownJob = await whohas('ingest', '--job', 'nightly');
    assert.equal(unknownJob.code, 1);
    assertOneLineError(unknownJob, /^whohas: JOB_UNKNOWN: No job 'nightly': no config file/);

    const r = await whohas('ingest', copyFixture('acme'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /SUCCEEDED \(through the running server\)/);
    const version = /graph version: (\S+)/.exec(r.stdout)?.[1];
    assert.deepEqual(await gql(ALICE), { identity: { displayName: 'Alice Ng' }, graphVersion: version });

    const strict = await whohas('ingest', badBundle, '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /FAILED \(through the running server\)/);
    assertOneLineError(strict, /BUNDLE_REJECTED/);

    const kuzuStore = JSON.stringify(join(ROOT, 'dist', 'src', 'store', 'kuzu-store.js'));
    const opener = `new (require(${kuzuStore}).KuzuStore)(process.env.WHOHAS_DB).init().then(
      () => { console.log('OPENED'); process.exit(0); },
      (e) => { console.log(JSON.stringify({ code: e.code, message: e.message })); process.exit(3); })`;
    const second = await collect(spawn(process.execPath, ['-e', opener], { env }));
    assert.equal(second.code, 3, second.stdout + second.stderr);
    const err = JSON.parse(second.stdout) as { code: string; message: string };
    assert.equal(err.code, 'STORE_LOCKED');
    assert.match(err.message, /open in another process/);
    assert.ok(err.message.includes(DB), err.message);
    assertNoStack(second);
    assert.deepEqual(await gql(ALICE), { identity: { displayName: 'Alice Ng' }, graphVersion: version }, 'server data intact');

    server.kill('SIGTERM');
    stopped = await exited;
    assert.equal(existsSync(SERVER_FILE), false, 'the server file is removed on SIGTERM');

    const store = new KuzuStore(DB);
    await store.init();
    try {
      assert.equal(await readGraphVersion(store), version, 'what the server committed survives its stop');
      assert.equal((await store.run('read/identities-by-id', { ids: ['hr:alice'] })).length, 1);
    } finally {
      await store.close();
    }
  });

  test('serve exits cleanly (code 0) on SIGTERM', () => {
    assert.ok(stopped, 'the server ran');
    assert.deepEqual({ code: stopped.code, signal: stopped.signal }, { code: 0, signal: null }, stopped.stdout + stopped.stderr);
  });
});

/** A process's parent, from /proc (Linux, where the CLI relaunches itself); null elsewhere. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}
