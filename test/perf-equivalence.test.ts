import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { effectiveAccess, holdersOf } from '../src/read/access-reader';
import {
  SINGLE_KEY_BATCH, accountsById, accountsOfIdentities, delegationsFrom, delegationsTo, groupsById, identitiesById,
} from '../src/read/graph-reader';
import type { QueryRunner } from '../src/store/port';
import { bundleOf, worldArb, type World } from './helpers/sim-world';
import { tempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * The fast paths against plain traversal on random enterprises, in the real embedded store:
 * - the effective-access index (what effectiveAccess and whoHas read) against naive
 *   variable-length Cypher (cypher/bench/naive-*.cypher, the benchmark's baseline), on worlds
 *   where the two must agree: no expiry, every account enabled, no delegations (rules the naive
 *   walk does not know);
 * - single-key lookups (small DataLoader batches) against the batched UNWIND queries.
 */
function plain(w: World): World {
  const undated = <T extends Record<string, unknown>>(r: T) => {
    const { expiresAt: _drop, ...rest } = r;
    return rest;
  };
  return {
    ...w,
    accounts: w.accounts.map((a) => ({ ...a, status: 'enabled' })),
    memberships: w.memberships.map(undated),
    grants: w.grants.map(undated),
    delegations: [],
  };
}

const NOW = new Date().toISOString();
const ALL = { skip: 0, limit: 500 };

async function naiveIds(db: QueryRunner, query: string, params: Record<string, unknown>, column: string): Promise<string[]> {
  return (await db.run(query, params)).map((r) => String(r[column])).sort();
}

/** `ids` padded past the single-key size with ids that exist nowhere, so the batched query answers. */
const batched = (ids: string[]) => [...ids, ...Array.from({ length: SINGLE_KEY_BATCH + 1 }, (_, i) => `missing:${i}`)];

describe('fast paths = plain traversal (random enterprises, embedded store)', () => {
  it('the effective-access index gives what naive variable-length Cypher gives, both ways', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb.map(plain), async (world) => {
        const t = await tempStore('whohas-perf-eq-');
        try {
          const run = await t.ingest(writeBundle(bundleOf(world)));
          assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
          for (const { id } of world.identities) {
            const fast = (await effectiveAccess(t.store, id, ALL, NOW)).nodes.map((g) => g.entitlementId).sort();
            assert.deepEqual(fast, await naiveIds(t.store, 'bench/naive-access-of-identity', { identityId: id }, 'entitlementId'), `access of ${id}`);
          }
          for (const { id } of world.entitlements) {
            const fast = (await holdersOf(t.store, id, ALL, NOW)).nodes.map((g) => g.identityId).sort();
            assert.deepEqual(fast, await naiveIds(t.store, 'bench/naive-holders-of-entitlement', { entitlementId: id }, 'identityId'), `holders of ${id}`);
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('single-key lookups answer as the batched queries do, in order, with nulls and repeats', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.integer({ min: 0, max: 1000 }), async (world, seed) => {
        const t = await tempStore('whohas-perf-keys-');
        try {
          const run = await t.ingest(writeBundle(bundleOf(world)));
          assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
          // Known ids, an unknown one, and a repeat, in an order that depends on the seed.
          const mixed = (ids: string[]) => [...ids, 'nobody', ids[0]].sort((a, b) => ((a + seed).localeCompare(b + seed)));
          const people = mixed(world.identities.map((i) => i.id));
          const accounts = mixed(world.accounts.map((a) => a.id));
          const groups = mixed(world.groups.map((g) => g.id));
          const same = async <T>(name: string, lookup: (db: QueryRunner, ids: string[]) => Promise<T[]>, ids: string[]) => {
            const small = await lookup(t.store, ids);
            const big = (await lookup(t.store, batched(ids))).slice(0, ids.length);
            assert.deepEqual(small, big, name);
          };
          await same('identities', identitiesById, people);
          await same('accounts', accountsById, accounts);
          await same('groups', groupsById, groups);
          await same('accounts of identities', accountsOfIdentities, people);
          await same('delegations from', delegationsFrom, people);
          await same('delegations to', delegationsTo, people);
          assert.ok((await identitiesById(t.store, people)).some((p) => p !== null), 'the lookups found someone');
        } finally {
          await t.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
