import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { delegationChunks } from '../src/access/chunks';
import { computeAccessFor, computeEffectiveAccess, toGrants, topologyOf, type PathsByTarget } from '../src/access/compute-access';
import { accessInputOf, worldArb } from './helpers/sim-world';

/**
 * The index build computes identities a chunk at a time (src/access/rebuild-index.ts) with one
 * group cache across chunks; on random enterprises, with delegation chains and cycles, expiry and
 * disabled accounts, that must give exactly the grants, paths included, of the whole-graph computation.
 */
const NOW = new Date().toISOString();
const sorted = <T extends { identityId: string; entitlementId: string }>(gs: T[]) =>
  [...gs].sort((a, b) => (a.identityId + '\u0000' + a.entitlementId).localeCompare(b.identityId + '\u0000' + b.entitlementId));

describe('chunked effective-access computation = whole-graph computation', () => {
  it('gives the same grants and paths for any chunk size', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 1, max: 6 }), (world, size) => {
        const input = accessInputOf(world);
        const whole = computeEffectiveAccess(input, { now: NOW, maxPathsPerGrant: 3 });
        const topology = topologyOf(input);
        const chunks = delegationChunks(topology.identities(), input.delegations, size);
        assert.deepEqual([...chunks.flat()].sort(), topology.identities(), 'every identity in exactly one chunk');
        const opts = { now: NOW, maxPathsPerGrant: 3, groupCache: new Map<string, PathsByTarget>() };
        const chunked = chunks.flatMap((chunk) => toGrants(computeAccessFor(topology, chunk, opts)));
        assert.deepEqual(sorted(chunked), sorted(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps everyone joined by delegation, either way, in one chunk', () => {
    const chunks = delegationChunks(['a', 'b', 'c', 'd', 'e'], [{ from: 'e', to: 'a' }, { from: 'c', to: 'e' }], 1);
    assert.deepEqual(chunks, [['a', 'c', 'e'], ['b'], ['d']]);
  });
});
