import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { readBundle } from '../../ingest/bundle/read-bundle';
import { isWhohasError } from '../../src/errors';
import { identitiesById } from '../../src/read/graph-reader';
import { graphSnapshot } from '../helpers/snapshot';
import { tempStore, type TempStore } from '../helpers/temp-store';
import { copyFixture, writeBundle } from '../helpers/write-bundle';

/** Ids an attacker would try: Cypher and Kuzu syntax, quotes, control characters, lone surrogates, right-to-left marks. */
const hostileId = fc.oneof(
  fc.constantFrom(
    "x'}) MATCH (n) DETACH DELETE n //", 'a"] RETURN 1; DROP TABLE Identity;', '$id', '`id`', '\\u0000', '\u0000', '\uD800', '\u202Eevil',
    '${process.exit()}', '__proto__', 'constructor', '../../etc/passwd', ' ', 'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ', 'hr:' + 'a'.repeat(600),
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

/** A record that is mostly well formed, with hostile values where ids and names go. */
const identity = fc.record({
  id: hostileId,
  kind: fc.constantFrom('human', 'service', 'agent', 'robot'),
  displayName: fc.oneof(hostileId, fc.constant('x'.repeat(100_000))),
  status: fc.constantFrom('active', 'terminated', 'weird'),
  department: fc.option(hostileId, { nil: undefined }),
});

/** Raw file contents: random text, random JSON, and nesting bombs. */
const fileContent = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 6 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1_000, max: 50_000 }).map((n) => '{"id":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.array(identity, { maxLength: 5 }).map((rs) => rs.map((r) => JSON.stringify(r)).join('\n')),
);
const fileName = fc.constantFrom('identities.ndjson', 'identities.json', 'identities.csv', 'accounts.ndjson', 'memberships.csv', 'source.json', 'grants.json');

describe('fuzz: the bundle reader never crashes; bad input is a typed error or a reject', () => {
  it('reads any folder of hostile files to records and rejects, or fails with a WhohasError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fileName, fileContent, { minKeys: 1, maxKeys: 3 }), async (files) => {
        const dir = writeBundle(files);
        try {
          const parsed = await readBundle(dir, { maxFileBytes: 5 * 1024 * 1024 });
          for (const r of parsed.rejects) assert.equal(typeof r.reason, 'string');
        } catch (e) {
          assert.ok(isWhohasError(e), `not a typed error: ${e instanceof Error ? e.stack : String(e)}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });
});

describe('fuzz: hostile ids through the real ingest into Kuzu', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore('whohas-fuzz-');
    assert.equal((await t.ingest(copyFixture('acme'))).status, 'succeeded');
  });
  after(() => t?.close());

  it('stores what it accepts verbatim and leaves the graph untouched when a run fails', async () => {
    const source = { source: 'fuzz', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' };
    await fc.assert(
      fc.asyncProperty(fc.array(identity, { minLength: 1, maxLength: 4 }), fc.boolean(), async (records, strict) => {
        const before = await graphSnapshot(t.store);
        const dir = writeBundle({ 'source.json': source, identities: records });
        try {
          const run = await t.ingest(dir, { strict });
          if (run.status !== 'succeeded') {
            assert.ok(run.error?.code, 'a failed run names its code');
            assert.deepEqual(await graphSnapshot(t.store), before, 'a failed run changes nothing');
            return;
          }
          assert.ok(run.rejectCount <= run.rejectSample.length, 'every reject is in the sample at this size');
          const rejectedLines = new Set(run.rejectSample.filter((x) => x.file === 'identities.ndjson').map((x) => x.line));
          for (const [i, r] of records.entries()) {
            if (rejectedLines.has(i + 1)) continue;
            const [found] = await identitiesById(t.store, [r.id]);
            assert.equal(found?.id, r.id, `accepted id ${JSON.stringify(r.id)} is stored verbatim, never interpreted`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 20, seed: 20261123 },
    );
  });
});
