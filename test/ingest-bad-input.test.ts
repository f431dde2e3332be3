import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatReject, type Reject } from '../ingest/bundle/reject';
import type { IngestRunSummary } from '../ingest/bundle/run-record';
import { loadConfig } from '../src/config';
import { ingestRunsPage } from '../src/read/runs-reader';
import { graphSnapshot, snapshotSizes } from './helpers/snapshot';
import { tempStore, type TempStore } from './helpers/temp-store';
import { copyFixture, writeBundle, type BundleFiles } from './helpers/write-bundle';

// Every case runs on one real Kuzu store that first holds the acme fixture. A failed run must leave
// every node, relationship and the graph version as they were, and be recorded as failed.

let t: TempStore;
before(async () => {
  t = await tempStore('whohas-bad-input-');
  const run = await t.ingest(copyFixture('acme'));
  assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  const sizes = snapshotSizes(await graphSnapshot(t.store));
  assert.ok(Object.values(sizes).every((n) => n > 0), `the baseline holds every label and type: ${JSON.stringify(sizes)}`);
});
after(() => t?.close());

const SOURCE = { source: 'bad-input', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' };
const person = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'human', displayName: id, status: 'active', ...extra });
const bundle = (files: BundleFiles) => writeBundle({ 'source.json': SOURCE, ...files });

function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at\s/m, `no stack frames in: ${text}`);
  assert.doesNotMatch(text, /\(\S+:\d+:\d+\)|node_modules|dist\//, `no code locations in: ${text}`);
}

async function latestRun() {
  return (await ingestRunsPage(t.store, { skip: 0, limit: 1 })).nodes[0];
}

async function identityExists(id: string): Promise<boolean> {
  return (await t.store.run('read/identities-by-id', { ids: [id] })).length === 1;
}

/** Runs an ingest that must fail whole: clear message, graph untouched, run recorded as failed. */
async function expectFailedRun(dir: string, code: string, message: RegExp[], extra: { strict?: boolean; maxFileBytes?: number } = {}) {
  const before1 = await graphSnapshot(t.store);
  const run = await t.ingest(dir, extra);
  assert.equal(run.status, 'failed', `expected a failed run, got ${JSON.stringify(run)}`);
  assert.equal(run.error?.code, code, run.error?.message);
  for (const re of message) assert.match(run.error!.message, re);
  assertNoStack(run.error!.message);
  assert.equal(run.graphVersion, null);
  const after1 = await graphSnapshot(t.store);
  assert.equal(after1.graphVersion, before1.graphVersion, 'graph version unchanged');
  assert.deepEqual(after1, before1, 'nothing was written');
  const recorded = await latestRun();
  assert.equal(recorded.id, run.id);
  assert.equal(recorded.status, 'failed');
  assert.equal(recorded.errorCode, code);
  assert.equal(recorded.errorMessage, run.error!.message);
  assert.equal(recorded.graphVersion, null);
  return run;
}

function assertRejects(run: IngestRunSummary, expected: Array<Pick<Reject, 'file' | 'line' | 'field'> & { reason: RegExp }>): void {
  assert.equal(run.rejectCount, expected.length, JSON.stringify(run.rejectSample));
  expected.forEach((want, i) => {
    const got = run.rejectSample[i];
    assert.deepEqual({ file: got.file, line: got.line, field: got.field }, { file: want.file, line: want.line, field: want.field });
    assert.match(got.reason, want.reason);
    const shown = formatReject(got);
    assert.ok(shown.startsWith(`${want.file}:${want.line}:`), shown);
    if (want.field) assert.match(shown, new RegExp(`field '${want.field}'`));
    assertNoStack(shown);
  });
}

/**
 * A bundle with one good identity (`loads`) beside bad records: strict refuses it all and changes
 * nothing; without strict the good record loads and each bad one is rejected with file, line, field.
 */
async function rejectCase(files: BundleFiles, loads: string, expected: Parameters<typeof assertRejects>[1]) {
  const dir = bundle(files);
  const strict = await expectFailedRun(dir, 'BUNDLE_REJECTED', [/[Ss]trict/, new RegExp(`${expected.length} record\\(s\\) rejected`)], {
    strict: true,
  });
  assertRejects(strict, expected);
  assert.equal(await identityExists(loads), false);

  const run = await t.ingest(dir);
  assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  assertRejects(run, expected);
  assert.equal(await identityExists(loads), true, 'the rest of the bundle loaded');
  const recorded = await latestRun();
  assert.deepEqual([recorded.id, recorded.status, recorded.rejectCount], [run.id, 'succeeded', expected.length]);
}

describe('bad records: rejected with file, line and field; strict refuses the run', () => {
  test('a malformed NDJSON line', () =>
    rejectCase({ 'identities.ndjson': `${JSON.stringify(person('t:json-ok'))}\n{"id":"t:broken","kind":\n` }, 't:json-ok', [
      { file: 'identities.ndjson', line: 2, field: null, reason: /not valid JSON/ },
    ]));

  test('a wrong enum value', () =>
    rejectCase({ identities: [person('t:enum-ok'), person('t:robot', { kind: 'robot' })] }, 't:enum-ok', [
      { file: 'identities.ndjson', line: 2, field: 'kind', reason: /human.*service.*agent/ },
    ]));

  test('a time without a zone', () =>
    rejectCase({ identities: [person('t:time-ok'), person('t:time', { createdAt: '2026-01-01T09:00:00' })] }, 't:time-ok', [
      { file: 'identities.ndjson', line: 2, field: 'createdAt', reason: /zone/ },
    ]));

  // The engine's own parser rolls 2026-02-30 over to March 2; a day the month does not have is refused instead.
  test('a day the month does not have', () =>
    rejectCase(
      {
        identities: [
          person('t:day-ok', { createdAt: '2024-02-29T23:30:00-02:00' }),
          person('t:feb30', { createdAt: '2026-02-30T09:00:00Z' }),
          person('t:apr31', { terminatedAt: '2026-04-31T00:00:00+05:30' }),
        ],
      },
      't:day-ok',
      [
        { file: 'identities.ndjson', line: 2, field: 'createdAt', reason: /not a real date/ },
        { file: 'identities.ndjson', line: 3, field: 'terminatedAt', reason: /not a real date/ },
      ],
    ));

  test('a missing required field', () =>
    rejectCase({ identities: [person('t:req-ok'), { id: 't:nameless', kind: 'human', status: 'active' }] }, 't:req-ok', [
      { file: 'identities.ndjson', line: 2, field: 'displayName', reason: /displayName/ },
    ]));

  test('an unknown field is named in the reason', () =>
    rejectCase({ identities: [person('t:unk-ok'), person('t:colour', { colour: 'blue' })] }, 't:unk-ok', [
      { file: 'identities.ndjson', line: 2, field: null, reason: /unknown field.*colour/ },
    ]));

  test('a membership to an unknown group', () =>
    rejectCase(
      { identities: [person('t:ref-ok')], memberships: [{ memberId: 'sap:alice', memberType: 'account', groupId: 'sap:grp:nope' }] },
      't:ref-ok',
      [{ file: 'memberships.ndjson', line: 1, field: 'groupId', reason: /group 'sap:grp:nope'/ }],
    ));

  const cascade = {
    identities: [person('t:cascade-ok')],
    accounts: [{ id: 'x:acct', systemId: 'nosuch', status: 'enabled' }],
    memberships: [{ memberId: 'x:acct', memberType: 'account', groupId: 'sap:grp:ap' }],
  };
  test('cascade: an account rejected for an unknown system takes its membership with it', () =>
    rejectCase(cascade, 't:cascade-ok', [
      { file: 'accounts.ndjson', line: 1, field: 'systemId', reason: /system 'nosuch'/ },
      { file: 'memberships.ndjson', line: 1, field: 'memberId', reason: /account 'x:acct'/ },
    ]));

  test('cascade: the membership reason says the account was rejected, not that it is missing from the bundle', async () => {
    const run = await t.ingest(bundle(cascade));
    const reason = run.rejectSample.find((r) => r.file === 'memberships.ndjson')!.reason;
    assert.doesNotMatch(reason, /neither in this bundle/);
    assert.match(reason, /rejected|accounts\.ndjson:1/);
  });

  test('a duplicate id', () =>
    rejectCase({ identities: [person('t:dup'), person('t:dup', { displayName: 'again' })] }, 't:dup', [
      { file: 'identities.ndjson', line: 2, field: 'id', reason: /duplicate id 't:dup' \(first at identities\.ndjson:1\)/ },
    ]));

  test('a CSV row with the wrong number of columns', () =>
    rejectCase(
      { identities: [person('t:csv-ok')], 'systems.csv': 'id,name,criticality\nsys:a,A,low\nsys:b,B,low,extra\nsys:c,C,low\n' },
      't:csv-ok',
      [{ file: 'systems.csv', line: 3, field: null, reason: /malformed CSV row/ }],
    ));
});

describe('bad files and paths: the whole run fails and nothing changes', () => {
  test('a .json file that is not valid JSON names the file and line', async () => {
    const dir = bundle({ identities: [person('t:never')], 'accounts.json': '[\n  {"id": "a1",\n  oops\n]\n' });
    await expectFailedRun(dir, 'BUNDLE_FILE_UNREADABLE', [/accounts\.json/, /not valid JSON/, /line 3/]);
  });

  test('a 200 MB file is refused at the default limit (WHOHAS_MAX_FILE_MB=100)', async () => {
    const { maxFileBytes } = loadConfig({});
    assert.equal(maxFileBytes, 100 * 1024 * 1024);
    const dir = bundle({ identities: [person('t:big')] });
    truncateSync(join(dir, 'identities.ndjson'), 200 * 1024 * 1024);
    try {
      await expectFailedRun(dir, 'BUNDLE_FILE_TOO_LARGE', [/identities\.ndjson/, /200\.0 MB/, /100\.0 MB/, /WHOHAS_MAX_FILE_MB/], { maxFileBytes });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a binary file: a PNG named identities.ndjson, random bytes as accounts.csv', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const dir = bundle({});
    writeFileSync(join(dir, 'identities.ndjson'), png);
    await expectFailedRun(dir, 'BUNDLE_FILE_BINARY', [/identities\.ndjson/, /not UTF-8 text/]);
    const dir2 = bundle({ identities: [person('t:never')] });
    writeFileSync(join(dir2, 'accounts.csv'), Buffer.concat([Buffer.from([0xff, 0x00]), randomBytes(4096)]));
    await expectFailedRun(dir2, 'BUNDLE_FILE_BINARY', [/accounts\.csv/]);
  });

  test('a path that does not exist', async () => {
    await expectFailedRun('/nonexistent/whohas-bundle', 'BUNDLE_NOT_FOUND', [/\/nonexistent\/whohas-bundle/, /does not exist/]);
  });

  test('a path that is a file, not a folder', async () => {
    const file = join(bundle({ identities: [person('t:never')] }), 'identities.ndjson');
    await expectFailedRun(file, 'BUNDLE_NOT_FOUND', [/identities\.ndjson/, /is a file/, /folder/]);
  });

  test('a source.json with an invalid mode', async () => {
    const dir = writeBundle({ 'source.json': { ...SOURCE, mode: 'partial' }, identities: [person('t:never')] });
    await expectFailedRun(dir, 'BUNDLE_REJECTED', [/source\.json/, /mode/, /full.*incremental/]);
  });

  test('a full run that fails removes nothing: a bad .json file, or strict with a reject', async () => {
    const dir = copyFixture('acme');
    writeFileSync(join(dir, 'source.json'), JSON.stringify({ source: 'acme-hr', mode: 'full', exportedAt: '2026-11-05T00:00:00Z' }));
    const lines = readFileSync(join(dir, 'identities.ndjson'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'identities.ndjson'), lines.filter((l) => !/hr:dave|svc:etl/.test(l)).join('\n') + '\n');
    writeFileSync(join(dir, 'credentials.json'), '[ {"id": "cred:x", ');
    rmSync(join(dir, 'credentials.ndjson'));
    await expectFailedRun(dir, 'BUNDLE_FILE_UNREADABLE', [/credentials\.json/]);
    assert.ok((await identityExists('hr:dave')) && (await identityExists('svc:etl')));

    writeFileSync(join(dir, 'credentials.json'), '[]');
    writeFileSync(join(dir, 'grants.csv'), readFileSync(join(dir, 'grants.csv'), 'utf8') + 'nobody,group,sap:view_ledger,,\n');
    await expectFailedRun(dir, 'BUNDLE_REJECTED', [/Strict/], { strict: true });
    assert.ok((await identityExists('hr:dave')) && (await identityExists('svc:etl')));
  });
});

describe('what a run reports', () => {
  test('unknown files are reported, not silently dropped', async () => {
    const dir = bundle({ identities: [person('t:unknown-files')], 'people.csv': 'id\nx\n', 'Identities.ndjson': '{}\n', 'source.ndjson': '{}\n' });
    const run = await t.ingest(dir);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(run.unknownFiles, ['Identities.ndjson', 'people.csv', 'source.ndjson']);
    assert.deepEqual((await latestRun()).unknownFiles, run.unknownFiles, 'kept with the run record');
  });

  test('the reject report holds one JSON line per reject, beyond the 20 in the sample', async () => {
    const bad = Array.from({ length: 25 }, (_, i) => person(`t:bad-${i}`, { status: 'sleeping' }));
    const run = await t.ingest(bundle({ identities: [person('t:report-ok'), ...bad] }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 25);
    assert.equal(run.rejectSample.length, 20);
    assert.ok(run.rejectReport && existsSync(run.rejectReport), `report at ${run.rejectReport}`);
    const lines = readFileSync(run.rejectReport, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 25);
    const rejects = lines.map((l) => JSON.parse(l) as Reject);
    assert.deepEqual(rejects.slice(0, 20), run.rejectSample);
    rejects.forEach((r, i) => {
      assert.deepEqual([r.file, r.line, r.field, r.id], ['identities.ndjson', i + 2, 'status', `t:bad-${i}`]);
      assert.match(r.reason, /active/);
    });
  });

  test('a .json file with a UTF-8 byte-order mark loads', async () => {
    const dir = writeBundle({ 'source.json': `\uFEFF${JSON.stringify(SOURCE)}`, 'identities.json': `\uFEFF${JSON.stringify([person('t:bom')])}` });
    const run = await t.ingest(dir);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(await identityExists('t:bom'), true);
  });
});
