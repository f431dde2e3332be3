import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { computeEffectiveAccess } from '../src/access/compute-access';
import type { StoredPath } from '../src/access/path';
import { decodePaths, encodePaths } from '../src/access/path-codec';
import { writeScaleBundle } from '../src/demo/scale/generate-scale';
import { effectiveAccess, readScaleRecords } from './helpers/scale-bundle';
import { accessInputOf, worldArb } from './helpers/sim-world';

const work = mkdtempSync(join(tmpdir(), 'whohas-path-codec-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('the stored form of access paths', () => {
  test('every grant of the scale shape decodes to the paths the engine computed, at under half the bytes of whole hop objects', async () => {
    await writeScaleBundle(work, { humans: 600, usageEvents: 1000, seed: 7 });
    const grants = effectiveAccess(readScaleRecords(work));
    let compact = 0;
    let verbatim = 0;
    let expiring = 0;
    let delegated = 0;
    for (const g of grants) {
      const text = encodePaths(g.identityId, g.entitlementId, g.paths);
      assert.deepEqual(decodePaths(g.identityId, g.entitlementId, text), g.paths, `${g.identityId} -> ${g.entitlementId}`);
      compact += text.length;
      verbatim += JSON.stringify(g.paths).length;
      if (g.paths.some((p) => p.some((h) => h.x))) expiring++;
      if (g.paths.some((p) => p.some((h) => h.e === 'DELEGATES_TO'))) delegated++;
    }
    assert.ok(grants.length > 10_000 && expiring > 0 && delegated > 0, `${grants.length} grants, ${expiring} expiring, ${delegated} delegated`);
    assert.ok(compact < verbatim / 2, `compact ${compact} bytes against ${verbatim}`);
  });

  test('random enterprises (expiries, delegations, nesting) round-trip grant by grant', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const g of computeEffectiveAccess(accessInputOf(world), { now: '2026-11-01T00:00:00Z', maxPathsPerGrant: 8 })) {
          assert.deepEqual(decodePaths(g.identityId, g.entitlementId, encodePaths(g.identityId, g.entitlementId, g.paths)), g.paths);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a path the tokens cannot express is kept as hop objects, and ids with any character survive', () => {
    const odd: StoredPath[] = [
      // a control-chain hop walked forward has no tag
      [{ k: 'identity', id: 'a' }, { k: 'identity', id: 'b', e: 'DELEGATES_TO', d: 'forward' }, { k: 'entitlement', id: 'x', e: 'GRANTS' }],
      // an expiry with the separator in it
      [{ k: 'identity', id: 'a' }, { k: 'group', id: 'g', e: 'MEMBER_OF', x: 'not|a date' }, { k: 'entitlement', id: 'x', e: 'GRANTS' }],
      // ids with separators, quotes, tags and newlines
      [{ k: 'identity', id: 'a' }, { k: 'account', id: 'G2026|"=\n,é', e: 'OWNS' }, { k: 'group', id: '|', e: 'MEMBER_OF', x: '2030-01-01T00:00:00Z' }, { k: 'entitlement', id: 'x', e: 'GRANTS', x: '2031-01-01T00:00:00Z' }],
    ];
    const text = encodePaths('a', 'x', odd);
    assert.deepEqual(decodePaths('a', 'x', text), odd);
    const stored = JSON.parse(text) as unknown[][];
    assert.equal(typeof stored[0][0], 'object');
    assert.equal(typeof stored[1][0], 'object');
    assert.deepEqual(stored[2], ['aG2026|"=\n,é', 'G2030-01-01T00:00:00Z||', '=2031-01-01T00:00:00Z']);
  });

  test('an index written before the codec (whole hop objects) still reads', () => {
    const old: StoredPath[] = [[{ k: 'identity', id: 'hr:1' }, { k: 'account', id: 'acct', e: 'OWNS' }, { k: 'entitlement', id: 'x', e: 'GRANTS' }]];
    assert.deepEqual(decodePaths('hr:1', 'x', JSON.stringify(old)), old);
  });

  test('text the codec did not write is a fault, not an empty answer', () => {
    assert.throws(() => decodePaths('a', 'x', '{"k":1}'), /not a list/);
    assert.throws(() => decodePaths('a', 'x', '[["qzzz"]]'), /unknown hop tag "q" in the paths of \(a, x\)/);
    assert.throws(() => decodePaths('a', 'x', '[["G2030"]]'), /expiry but no "\|"/);
    assert.throws(() => decodePaths('a', 'x', '[["aok", 3]]'), /mixes tokens and hop objects/);
  });
});
