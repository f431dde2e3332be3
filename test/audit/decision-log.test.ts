import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashOf } from '../../src/audit/chain';
import { DecisionLog, LOG_FILE, verifyLog } from '../../src/audit/decision-log';
import type { NewEntry } from '../../src/audit/records';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'whohas.js');

function simulationEntry(i: number): NewEntry {
  return {
    type: 'simulation',
    simulationId: `sim-${i}`,
    requester: { client: 'payments-agent', authenticated: false, actingAs: 'agent:pay-bot' },
    graphVersion: '3-abc',
    baseGraphVersion: null,
    changes: [{ op: 'REMOVE_MEMBERSHIP', memberId: 'erp:bob', groupId: 'erp:g1' }],
    outcomes: [{ index: 0, status: 'APPLIED' }],
    affectedIdentityCount: i,
    lostCount: i * 2,
    gainedCount: 0,
    sodIntroduced: [],
    sodResolved: ['P2P-01|hr:bob'],
    resultDigest: 'd'.repeat(64),
    touched: ['hr:bob'],
  };
}

describe('the decision log (hash-chained JSON lines)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'whohas-audit-'));
    file = join(dir, LOG_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function writeFive(): Promise<string[]> {
    const log = await DecisionLog.open(dir);
    for (let i = 1; i <= 4; i++) await log.append(simulationEntry(i));
    await log.append({ type: 'decision', simulationId: 'sim-2', decision: 'APPLIED', note: 'done in ERP', requester: { client: 'payments-agent', authenticated: false, actingAs: null } });
    await log.close();
    return readFileSync(file, 'utf8').trimEnd().split('\n');
  }
  const rewrite = (lines: string[]) => writeFileSync(file, lines.join('\n') + '\n');

  it('chains every record to the one before and verifies intact, across a restart', async () => {
    const lines = await writeFive();
    assert.equal(lines.length, 5);
    const report = verifyLog(file);
    assert.equal(report.intact, true);
    assert.equal(report.records, 5);
    assert.equal(report.headHash, JSON.parse(lines[4]).hash);
    const reopened = await DecisionLog.open(dir);
    assert.equal(reopened.all().length, 5);
    const sixth = await reopened.append(simulationEntry(6));
    assert.equal(sixth.seq, 6);
    assert.equal(sixth.prev, JSON.parse(lines[4]).hash);
    await reopened.close();
    assert.equal(verifyLog(file).intact, true);
  });

  it('names the record whose content was edited', async () => {
    const lines = await writeFive();
    const third = JSON.parse(lines[2]);
    third.lostCount = 0; // someone hides what the simulation said
    lines[2] = JSON.stringify(third);
    rewrite(lines);
    const report = verifyLog(file);
    assert.equal(report.intact, false);
    assert.deepEqual(report.brokenAt, { seq: 3, line: 3, reason: 'record 3 was altered after it was written: its content no longer matches its hash' });
    assert.equal(report.records, 2);
  });

  it('names the edited record even when its hash was recomputed (the next record no longer links to it)', async () => {
    const lines = await writeFive();
    const third = JSON.parse(lines[2]);
    third.requester.actingAs = 'agent:someone-else';
    third.hash = hashOf(third);
    lines[2] = JSON.stringify(third);
    rewrite(lines);
    assert.deepEqual(verifyLog(file).brokenAt, { seq: 4, line: 4, reason: 'record 4 does not link to record 3: the record before it was changed or replaced' });
  });

  it('names a removed record', async () => {
    const lines = await writeFive();
    lines.splice(1, 1);
    rewrite(lines);
    assert.match(verifyLog(file).brokenAt!.reason, /^expected record 2 at line 2 but found record 3/);
  });

  it('drops a record a crash cut short, and records that it did', async () => {
    await writeFive();
    appendFileSync(file, '{"seq":6,"at":"2026-11-23T10:00:00.000Z","type":"simul');
    assert.equal(verifyLog(file).intact, false, 'before reopening, the torn line is a break');
    const log = await DecisionLog.open(dir);
    const last = log.all()[log.all().length - 1];
    assert.equal(last.type, 'recovery');
    assert.equal(last.seq, 6);
    assert.equal(last.type === 'recovery' && last.discardedBytes, 54);
    await log.close();
    assert.equal(verifyLog(file).intact, true);
  });

  it('whohas audit verify exits 0 on an intact log and 1 naming the record on a tampered one', async () => {
    const lines = await writeFive();
    const ok = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--dir', dir], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /intact, 5 record\(s\)/);
    const fourth = JSON.parse(lines[3]);
    fourth.decision = 'ESCALATED';
    fourth.note = 'edited';
    lines[3] = JSON.stringify(fourth);
    rewrite(lines);
    const bad = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--dir', dir, '--json'], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    const report = JSON.parse(bad.stdout);
    assert.equal(report.intact, false);
    assert.equal(report.brokenAt.seq, 4);
  });
});
