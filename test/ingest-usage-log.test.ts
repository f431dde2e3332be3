import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageRecord } from '../ingest/bundle/records';
import { UsageLog, type StoredUsage } from '../ingest/bundle/usage-log';

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Events as the schema hands them over: times in any zone, normalised to UTC text. */
function events(seed: number, n: number) {
  const next = random(seed);
  const zones = ['Z', '+02:00', '-0530', '+00:00'];
  return Array.from({ length: n }, (_, i) => {
    const day = 1 + Math.floor(next() * 28);
    const minute = Math.floor(next() * 60);
    const ms = next() < 0.3 ? `.${String(Math.floor(next() * 1000)).padStart(3, '0')}` : '';
    return {
      line: i + 1,
      record: UsageRecord.parse({
        accountId: `acct-${Math.floor(next() * 7)}`,
        entitlementId: `ent-${Math.floor(next() * 5)}`,
        at: `2026-03-${String(day).padStart(2, '0')}T10:${String(minute).padStart(2, '0')}:00${ms}${zones[i % zones.length]}`,
        ...(next() < 0.5 ? { count: 1 + Math.floor(next() * 9) } : {}),
      }),
    };
  });
}

/** The rule in the spec's words, on plain objects: latest time; count grown only by events newer than what the graph held. */
function foldByHand(list: ReturnType<typeof events>, prior: Map<string, StoredUsage>) {
  const out = new Map<string, { lastUsedAt: string; count: number }>();
  for (const { record } of list) {
    const key = `${record.accountId}|${record.entitlementId}`;
    const held = prior.get(key);
    const agg = out.get(key) ?? { lastUsedAt: held?.lastUsedAt ?? '', count: held?.count ?? 0 };
    if (!held || record.at > held.lastUsedAt) agg.count += record.count;
    if (record.at > agg.lastUsedAt) agg.lastUsedAt = record.at;
    out.set(key, agg);
  }
  return out;
}

describe('usage log (usage events held by columns)', () => {
  it('folds as the spec says on random events, with and without what the graph held', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const list = events(seed, 200);
      const log = new UsageLog();
      for (const e of list) log.add(e.record, 'usage.ndjson', e.line);
      const prior = new Map<string, StoredUsage>();
      const next = random(seed * 7);
      for (const e of list) if (next() < 0.2) prior.set(`${e.record.accountId}|${e.record.entitlementId}`, { lastUsedAt: e.record.at, count: 100 });
      for (const held of [new Map<string, StoredUsage>(), prior]) {
        const folded = log.fold((a, e) => held.get(`${a}|${e}`));
        const expected = foldByHand(list, held);
        assert.equal(folded.length, expected.size);
        for (const f of folded) assert.deepEqual({ lastUsedAt: f.lastUsedAt, count: f.count }, expected.get(`${f.accountId}|${f.entitlementId}`), `seed ${seed}`);
      }
    }
  });

  it('gives each event back exactly as read, with its file and line', () => {
    const list = events(3, 50);
    const log = new UsageLog();
    list.forEach((e, i) => log.add(e.record, i < 20 ? 'usage.ndjson' : 'usage.csv', e.line));
    assert.equal(log.length, 50);
    const back = [...log.events()];
    assert.deepEqual(back.map((e) => e.record), list.map((e) => e.record));
    assert.deepEqual(back.map((e) => `${e.file}:${e.line}`), list.map((e, i) => `${i < 20 ? 'usage.ndjson' : 'usage.csv'}:${e.line}`));
  });

  it('rejects every event of a pair that fails, in file order, and keeps the rest', () => {
    const list = events(5, 120);
    const log = new UsageLog();
    for (const e of list) log.add(e.record, 'usage.ndjson', e.line);
    const rejected: string[] = [];
    const asked: string[] = [];
    const kept = log.keep(
      (a, e) => {
        asked.push(`${a}|${e}`);
        return a === 'acct-2' ? { field: 'accountId', reason: 'unknown' } : null;
      },
      (event, problem) => rejected.push(`${event.line} ${event.record.accountId} ${problem.field}`),
    );
    assert.equal(new Set(asked).size, asked.length, 'each pair is checked once');
    const bad = list.filter((e) => e.record.accountId === 'acct-2');
    assert.ok(bad.length > 0);
    assert.deepEqual(rejected, bad.map((e) => `${e.line} acct-2 accountId`));
    assert.deepEqual([...kept.events()].map((e) => e.line), list.filter((e) => e.record.accountId !== 'acct-2').map((e) => e.line));
    assert.equal(log.keep(() => null, () => assert.fail('nothing to reject')), log, 'nothing rejected: the same log');
  });

  it('holds nothing once cleared', () => {
    const log = new UsageLog();
    for (const e of events(9, 30)) log.add(e.record, 'usage.ndjson', e.line);
    log.clear();
    assert.equal(log.length, 0);
    assert.equal(log.pairCount, 0);
    assert.deepEqual(log.fold(() => undefined), []);
  });
});
