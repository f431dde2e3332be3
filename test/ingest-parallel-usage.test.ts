import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RecordAssembler } from '../ingest/bundle/assemble';
import { lineAlignedRanges, readUsageInWorkers } from '../ingest/bundle/parallel-usage';
import { readBundle } from '../ingest/bundle/read-bundle';
import { readRecords, type BundleFile } from '../ingest/bundle/read-files';
import type { Reject } from '../ingest/bundle/reject';
import { copyFixture } from './helpers/write-bundle';
import { tempDir } from './helpers/temp-dir';

const IN_THREAD = Number.MAX_SAFE_INTEGER;

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Usage lines over the acme bundle's accounts and entitlements, with what real exports hold beside
 * good events: CRLF and lone CR endings, blank lines, a line that is not JSON, schema failures, an
 * unpaired surrogate, times in other zones, and a byte-order mark on the first line.
 */
function usageText(seed: number, events: number): string {
  const next = random(seed);
  const accounts = ['sap:alice', 'sap:bob', 'okta:alice', 'okta:carol', 'github:dave', 'sap:ghost'];
  const entitlements = ['sap:create_vendor', 'sap:approve_payment', 'okta:app:wiki', 'github:repo:payments:admin'];
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const roll = next();
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const event: Record<string, unknown> = {
      accountId: accounts[Math.floor(next() * accounts.length)],
      entitlementId: entitlements[Math.floor(next() * entitlements.length)],
      at: `2026-10-${day}T${String(Math.floor(next() * 24)).padStart(2, '0')}:15:00${roll < 0.1 ? '+05:30' : 'Z'}`,
    };
    if (roll < 0.3) event.count = 1 + Math.floor(next() * 5);
    if (roll > 0.995) lines.push('{"accountId": "sap:alice", "entitlementId": ');
    else if (roll > 0.99) lines.push(JSON.stringify({ ...event, count: -2 }));
    else if (roll > 0.985) lines.push(JSON.stringify({ ...event, via: 'console' }));
    else if (roll > 0.98) lines.push(JSON.stringify({ ...event, accountId: 'sap:\uD800x' }));
    else if (roll > 0.975) lines.push(JSON.stringify({ ...event, at: '2026-02-30T10:00:00Z' }));
    else if (roll > 0.97) lines.push('   ');
    else lines.push(JSON.stringify(event));
  }
  const ends = ['\n', '\n', '\n', '\r\n', '\r'];
  return '\uFEFF' + lines.map((l, i) => l + ends[i % ends.length]).join('');
}

function usageFile(dir: string): BundleFile {
  return { entity: 'usage', path: join(dir, 'usage.ndjson'), name: 'usage.ndjson', encoding: 'ndjson' };
}

/** The usage events and rejects as the main thread reads them, one record at a time. */
async function readInThread(file: BundleFile) {
  const rejects: Reject[] = [];
  const assembler = new RecordAssembler(rejects);
  for await (const batch of readRecords(file, rejects)) for (const raw of batch) assembler.push('usage', raw);
  return { events: [...assembler.records.usage.events()], rejects };
}

describe('usage files read by worker threads', () => {
  it('splits a file only after a line feed, covering every byte once', async () => {
    const dir = tempDir('whohas-ranges-');
    const path = join(dir, 'usage.ndjson');
    writeFileSync(path, usageText(7, 3000));
    const bytes = readFileSync(path);
    for (const count of [1, 2, 3, 4, 7]) {
      const ranges = await lineAlignedRanges(path, count);
      assert.equal(ranges.length, count);
      assert.equal(ranges[0].start, 0);
      assert.equal(ranges[ranges.length - 1].end, bytes.length);
      ranges.forEach((r, i) => {
        assert.ok(r.end > r.start, `range ${i} is empty`);
        if (i > 0) assert.equal(r.start, ranges[i - 1].end);
        if (i > 0) assert.equal(bytes[r.start - 1], 0x0a, `range ${i} starts mid-line`);
      });
    }
    writeFileSync(path, '{"a":1}\r{"a":2}\r{"a":3}');
    assert.deepEqual(await lineAlignedRanges(path, 4), [{ start: 0, end: 23 }], 'no line feed: one range');
    writeFileSync(path, '');
    assert.deepEqual(await lineAlignedRanges(path, 2), [], 'an empty file: nothing to read');
    writeFileSync(path, '{"a":1}\n{"a":2}\n');
    assert.deepEqual(await lineAlignedRanges(path, 8), [{ start: 0, end: 8 }, { start: 8, end: 16 }], 'never more ranges than lines');
  });

  it('reads the same events and rejects, with the same lines, as the main thread', async () => {
    const dir = tempDir('whohas-parallel-usage-');
    const file = usageFile(dir);
    for (const seed of [1, 2, 3]) {
      writeFileSync(file.path, usageText(seed, 4000));
      const expected = await readInThread(file);
      assert.ok(expected.rejects.length >= 40, `seed ${seed}: the file holds bad lines (${expected.rejects.length})`);
      assert.ok(expected.events.length > 3000);
      for (const workers of [2, 3, 5]) {
        const read = readUsageInWorkers(file, workers);
        const rejects: Reject[] = [];
        const assembler = new RecordAssembler(rejects);
        let parts = 0;
        let lineOffset = 0;
        for await (const part of read.parts()) {
          lineOffset = assembler.absorbUsage(file.name, part, lineOffset);
          parts++;
        }
        await read.stop();
        assert.equal(parts, workers);
        assert.deepEqual(rejects, expected.rejects, `seed ${seed}, ${workers} workers: rejects`);
        assert.deepEqual([...assembler.records.usage.events()], expected.events, `seed ${seed}, ${workers} workers: events`);
        assert.equal(assembler.records.usage.pairCount, new Set(expected.events.map((e) => `${e.record.accountId}|${e.record.entitlementId}`)).size);
      }
    }
  });

  it('gives readBundle the same bundle, the other files read meanwhile on the main thread', async () => {
    const dir = copyFixture('acme');
    const acmeUsage = readFileSync(join(dir, 'usage.ndjson'), 'utf8');
    writeFileSync(join(dir, 'usage.ndjson'), acmeUsage + usageText(11, 5000));
    const inThread = await readBundle(dir, { maxFileBytes: 1e9, parallelUsageMinBytes: IN_THREAD });
    const inWorkers = await readBundle(dir, { maxFileBytes: 1e9, parallelUsageMinBytes: 0 });
    assert.deepEqual(inWorkers.rejects, inThread.rejects);
    assert.ok(inThread.rejects.some((r) => r.file === 'usage.ndjson' && r.line > 1000), 'rejects deep in the usage file');
    assert.deepEqual([...inWorkers.records.usage.events()], [...inThread.records.usage.events()]);
    const { usage: _a, ...others } = inWorkers.records;
    const { usage: _b, ...expectedOthers } = inThread.records;
    assert.deepEqual(others, expectedOthers);
    assert.ok(inThread.records.usage.length > 4000);
  });

  it('fails the read as before when another file is unreadable, and stops its workers', async () => {
    const dir = copyFixture('acme');
    writeFileSync(join(dir, 'usage.ndjson'), usageText(5, 20000));
    writeFileSync(join(dir, 'accounts.json'), '[{"id": "sap:alice",');
    await assert.rejects(readBundle(dir, { maxFileBytes: 1e9, parallelUsageMinBytes: 0 }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'BUNDLE_FILE_UNREADABLE');
      assert.match(e.message, /accounts\.json is not valid JSON/);
      return true;
    });
  });
});
