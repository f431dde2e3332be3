import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findNearMisses, type RelaxedNeighbourhood } from '../src/access/near-miss';
import { rowsByKeys } from '../src/read/by-keys';
import { nearMisses, relaxedNeighbourhood } from '../src/read/near-miss-reader';
import type { QueryRunner, Row } from '../src/store/port';
import { bundleOf, worldArb } from './helpers/sim-world';
import { tempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * The near-miss search reads an identity's neighbourhood per owner and walks groups level by level
 * through shared lookups (src/read/near-miss-reader.ts). Here it is checked against the reads it
 * replaced, one query per account and a variable-length walk (explain/groups-above-one), on random
 * enterprises with expiries, disabled accounts and delegations, in the real embedded store.
 */
const edge = (from: string, to: string) => (r: Row) => JSON.stringify([r[from], r[to], r.expiresAt ?? null]);

async function perAccountNeighbourhood(db: QueryRunner, identityId: string, entitlementId: string): Promise<RelaxedNeighbourhood> {
  const delegators = (await db.run('explain/delegators', { identityId })).map((r) => String(r.id));
  const people = [identityId, ...delegators.filter((d) => d !== identityId)];
  const accounts = (await rowsByKeys(db, 'explain/accounts-of', 'explain/accounts-of-one', people)).map((r) => ({
    identityId: String(r.identityId), accountId: String(r.accountId), status: String(r.status),
  }));
  const accountIds = accounts.map((a) => a.accountId);
  const groupIds = [...new Set((await rowsByKeys(db, 'explain/groups-above', 'explain/groups-above-one', accountIds)).map((r) => String(r.id)))];
  const timed = (rows: Row[], from: string, to: string) => rows.map((r) => ({ from: String(r[from]), to: String(r[to]), expiresAt: (r.expiresAt as string | null) ?? null }));
  const delegations = people.length > 1
    ? (await db.run('explain/delegations-among', { ids: people, within: people })).map((r) => ({
        from: String(r.fromId), to: String(r.toId), expiresAt: (r.expiresAt as string | null) ?? null, scope: r.scope as string[],
      }))
    : [];
  return {
    accounts,
    accountMemberships: timed(await rowsByKeys(db, 'explain/account-memberships', 'explain/account-memberships-one', accountIds), 'memberId', 'groupId'),
    groupMemberships: timed(await rowsByKeys(db, 'explain/group-memberships', 'explain/group-memberships-one', groupIds), 'memberId', 'groupId'),
    accountGrants: timed(await rowsByKeys(db, 'explain/account-grants', 'explain/account-grants-one', accountIds, { entitlementId }), 'holderId', 'entitlementId'),
    groupGrants: timed(await rowsByKeys(db, 'explain/group-grants', 'explain/group-grants-one', groupIds, { entitlementId }), 'holderId', 'entitlementId'),
    delegations,
  };
}

/** Order is not part of the answer (the access computation sorts what it reads); multiplicity is. */
function normalised(n: RelaxedNeighbourhood) {
  const sorted = (xs: string[]) => [...xs].sort();
  const edges = (xs: Array<{ from: string; to: string; expiresAt: string | null }>) => sorted(xs.map((e) => edge('from', 'to')(e as unknown as Row)));
  return {
    accounts: sorted(n.accounts.map((a) => JSON.stringify(a))),
    accountMemberships: edges(n.accountMemberships),
    groupMemberships: edges(n.groupMemberships),
    accountGrants: edges(n.accountGrants),
    groupGrants: edges(n.groupGrants),
    delegations: sorted(n.delegations.map((d) => JSON.stringify([d.from, d.to, d.expiresAt, d.scope]))),
  };
}

const NOW = '2026-11-01T00:00:00.000Z';

describe('near-miss neighbourhood = the per-account reads it replaced (random enterprises, embedded store)', () => {
  it('reads the same accounts, memberships, grants and delegations, and finds the same near misses', async () => {
    const seen = { nearMisses: 0, nestedGroups: 0 };
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const t = await tempStore('whohas-near-miss-eq-');
        try {
          const run = await t.ingest(writeBundle(bundleOf(world)));
          assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
          for (const { id } of world.identities) {
            for (const { id: entitlementId } of world.entitlements) {
              const reference = await perAccountNeighbourhood(t.store, String(id), String(entitlementId));
              const read = await relaxedNeighbourhood(t.store, String(id), String(entitlementId));
              assert.deepEqual(normalised(read), normalised(reference), `${id} / ${entitlementId}`);
              const found = await nearMisses(t.store, String(id), String(entitlementId), NOW);
              assert.deepEqual(found, findNearMisses(reference, String(id), String(entitlementId), NOW));
              if (found.length) seen.nearMisses++;
              if (read.groupMemberships.length) seen.nestedGroups++;
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 12 },
    );
    // The worlds exercised what changed: nested groups walked level by level, and paths blocked.
    assert.ok(seen.nearMisses > 0 && seen.nestedGroups > 0, JSON.stringify(seen));
  });
});
