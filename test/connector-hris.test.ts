import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hrisConnector } from '../ingest/hris';
import { identitiesById } from '../src/read/graph-reader';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'hris', 'workers.csv');
const NOW = new Date('2026-11-01T00:00:00Z');

describe('HRIS CSV connector: transform (Workday-style worker report)', () => {
  it('maps every readable worker to a human identity with the manager chain, dates and extra columns', async () => {
    const { assembled } = await transformFrom(hrisConnector, FIXTURE, {}, NOW);
    const byId = new Map(assembled.records.identities.map((l) => [l.record.id, l.record]));
    assert.deepEqual([...byId.keys()].sort(), ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010', '1011'].map((n) => `hr:${n}`));
    assert.deepEqual(byId.get('hr:1004'), {
      id: 'hr:1004',
      kind: 'human',
      displayName: 'Tomasz Nowak',
      email: 'tomasz.nowak@example.com',
      department: 'Finance - Accounts Payable',
      title: 'AP Specialist',
      managerId: 'hr:1003',
      status: 'active',
      createdAt: '2021-02-01T00:00:00.000Z',
      attributes: { employeeNumber: '1004', workerType: 'Employee', costCenter: 'CC-210', location: 'Chicago' },
    });
    // The quoted comma stays inside the name; the manager chain climbs to the CEO, who has none.
    assert.equal(byId.get('hr:1002')?.displayName, 'Okafor, Chidi');
    assert.equal(byId.get('hr:1002')?.managerId, 'hr:1001');
    assert.equal(byId.get('hr:1001')?.managerId, undefined);
    assert.equal(byId.get('hr:1005')?.status, 'suspended', 'Leave of Absence maps to suspended');
    assert.equal(byId.get('hr:1006')?.status, 'terminated');
    assert.equal(byId.get('hr:1006')?.terminatedAt, '2026-06-30T00:00:00.000Z');
    assert.equal(byId.get('hr:1009')?.status, 'terminated', 'a termination date in the past wins over a stale Active status');
    assert.equal(byId.get('hr:1010')?.status, 'active', 'a future termination date (contract end) is not termination yet');
    assert.equal(byId.get('hr:1010')?.terminatedAt, undefined);
    assert.equal(byId.get('hr:1011')?.managerId, undefined, 'manager 1099 is not in the export: the link is left out, the worker kept');
    assert.equal(assembled.source.mode, 'full');
    assert.equal(assembled.source.source, 'hris:workers');
  });

  it('rejects what cannot be right, naming line, column and reason, and notes what it changed', async () => {
    const { assembled, result } = await transformFrom(hrisConnector, FIXTURE, {}, NOW);
    const rejects = assembled.rejects.map((r) => `${r.file}:${r.line}:${r.field}`).sort();
    assert.deepEqual(rejects, [
      'workers.csv:13:Worker Status',
      'workers.csv:14:Hire Date',
      'workers.csv:15:id',
      'workers.csv:16:Employee ID',
      'workers.csv:17:email',
    ]);
    const reasons = new Map(assembled.rejects.map((r) => [r.line, r.reason]));
    assert.match(reasons.get(13)!, /unknown worker status 'On Sabbatical'.*statusMap/);
    assert.match(reasons.get(14)!, /'2024-13-01' is not a date/);
    assert.match(reasons.get(15)!, /duplicate id 'hr:1003' \(first at workers.csv:4\)/);
    assert.equal(result.notes.length, 2);
    assert.match(result.notes.join('\n'), /1 worker\(s\) name a manager who is not in the export/);
    assert.match(result.notes.join('\n'), /1 worker\(s\) with a termination date in the past/);
  });

  it('reads another HR system through a column mapping, with month-first dates', async () => {
    const dir = writeBundle({
      'bamboo.csv': 'EEID;Full Name;Email;Dept;Job Title;Reports To;Status;Start;End\n' +
        'A7;Ana Silva;ana@example.org;Sales;Rep;B2;Active;03/04/2024;\n' +
        'B2;Ben Ode;ben@example.org;Sales;Head of Sales;;Active;12/31/2020;\n',
    });
    const columns = { employeeId: 'EEID', displayName: 'Full Name', email: 'Email', department: 'Dept', title: 'Job Title', managerId: 'Reports To', status: 'Status', hireDate: 'Start', terminationDate: 'End' };
    const { assembled } = await transformFrom(hrisConnector, dir, { columns, delimiter: ';', dateOrder: 'mdy', idPrefix: 'bamboo:' }, NOW);
    const ana = assembled.records.identities.find((l) => l.record.id === 'bamboo:A7')?.record;
    assert.equal(ana?.managerId, 'bamboo:B2');
    assert.equal(ana?.createdAt, '2024-03-04T00:00:00.000Z');
    assert.deepEqual(assembled.rejects, []);
  });

  it('fails fast, naming the column, when the id column is not in the file', async () => {
    const dir = writeBundle({ 'other.csv': 'id,name\n1,x\n' });
    await assert.rejects(transformFrom(hrisConnector, dir, {}, NOW), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.message, /no 'Employee ID' column \(columns: id, name\)/);
      return true;
    });
  });

  it('refuses unknown option names before reading anything', async () => {
    await assert.rejects(transformFrom(hrisConnector, FIXTURE, { colums: {} }, NOW), /hris-csv options: unknown option\(s\) colums/);
  });
});

describe('HRIS CSV connector: into the graph', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('loads the people, and a later full export without a leaver removes only that person', async () => {
    const first = await ingestVia(t, hrisConnector, FIXTURE, {}, { now: () => NOW });
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    assert.equal(first.counts.identities, 11);
    assert.equal(first.rejectCount, 5);
    assert.equal(first.notes.length, 2);
    const [dana, tomasz] = await t.store.read((tx) => identitiesById(tx, ['hr:1001', 'hr:1004']));
    assert.equal(dana?.title, 'Chief Executive Officer');
    assert.equal(tomasz?.managerId, 'hr:1003');

    const lines = (await import('node:fs')).readFileSync(FIXTURE, 'utf8').split('\n');
    const dir = writeBundle({ 'workers.csv': lines.filter((l) => !l.startsWith('1011,')).join('\n') });
    const second = await ingestVia(t, hrisConnector, join(dir, 'workers.csv'), {}, { now: () => NOW });
    assert.equal(second.status, 'succeeded');
    assert.equal(second.counts['removed.identities'], 1);
    const [grace, still] = await t.store.read((tx) => identitiesById(tx, ['hr:1011', 'hr:1004']));
    assert.equal(grace, null);
    assert.equal(still?.id, 'hr:1004');
  });

  it('keeps a worker whose row turned bad on a full run: a typo is not a leaver', async () => {
    const text = (await import('node:fs')).readFileSync(FIXTURE, 'utf8').replace(/^(1004,.*?),Active,2021-02-01/m, '$1,Actve,2021-02-01');
    const dir = writeBundle({ 'workers.csv': text });
    const run = await ingestVia(t, hrisConnector, join(dir, 'workers.csv'), {}, { now: () => NOW });
    assert.equal(run.status, 'succeeded');
    assert.ok(run.rejectSample.some((r) => r.line === 5 && /unknown worker status 'Actve'/.test(r.reason)));
    // 1004 (this typo), 1012 (unknown status), 1013 (bad date), 1014 (bad email); the duplicate 1003 is loaded from its first row.
    assert.equal(run.counts['kept.identities'], 4);
    const [tomasz] = await t.store.read((tx) => identitiesById(tx, ['hr:1004']));
    assert.equal(tomasz?.title, 'AP Specialist', 'the last good version stays');
  });
});

