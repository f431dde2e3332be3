import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { peerBaseline } from '../src/peers/baseline';
import { peerModel } from '../src/read/peers-reader';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * The peer model is built once per graph version and reused, but access that expires after the
 * ingest must disappear on time: the cached model is right only until the next expiry.
 */
const clerk = (id: string) => ({ id, kind: 'human', displayName: id, status: 'active', department: 'Finance', title: 'AP Clerk' });
const bundle = (extraGrant: boolean) =>
  writeBundle({
    'source.json': { source: 'hr', mode: 'full', exportedAt: '2026-05-01T00:00:00Z' },
    identities: ['fin1', 'fin2', 'fin3'].map(clerk),
    systems: [{ id: 'sap', name: 'SAP' }],
    accounts: ['fin1', 'fin2', 'fin3'].map((id) => ({ id: `sap:${id}`, systemId: 'sap', identityId: id, status: 'enabled' })),
    entitlements: [{ id: 'sap:temp', systemId: 'sap', name: 'Temporary' }, { id: 'sap:view', systemId: 'sap', name: 'View' }],
    grants: [
      { holderId: 'sap:fin2', holderType: 'account', entitlementId: 'sap:temp', expiresAt: '2026-06-01T00:00:00Z' },
      { holderId: 'sap:fin2', holderType: 'account', entitlementId: 'sap:view' },
      ...(extraGrant ? [{ holderId: 'sap:fin3', holderType: 'account', entitlementId: 'sap:view' }] : []),
    ],
  });
const coverage = async (t: TempStore, now: string) => {
  const model = await peerModel(t.store, now);
  const b = peerBaseline(model.index, model.identity('fin1'), { by: 'DEPARTMENT_TITLE', attributes: [], minPeers: 1, outlierBelow: 0.1, commonAbove: 0.75 });
  return { model, rows: Object.fromEntries(b.entitlements.map((r) => [r.entitlementId, r.coverage])) };
};

describe('peer model cache', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    const run = await t.ingest(bundle(false), { now: () => new Date('2026-05-01T00:00:00Z') });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  });
  after(() => t.close());

  it('is reused while nothing expires, and rebuilt when a pair expires', async () => {
    const before = await coverage(t, '2026-05-15T00:00:00.000Z');
    assert.deepEqual(before.rows, { 'sap:temp': 0.5, 'sap:view': 0.5 });
    assert.equal((await coverage(t, '2026-05-31T23:59:59.000Z')).model, before.model, 'same model until the expiry');
    const afterExpiry = await coverage(t, '2026-06-01T00:00:00.000Z');
    assert.notEqual(afterExpiry.model, before.model);
    assert.deepEqual(afterExpiry.rows, { 'sap:view': 0.5 }, 'the expired grant is gone at its expiry instant');
    assert.deepEqual((await coverage(t, '2026-05-15T00:00:00.000Z')).rows, { 'sap:temp': 0.5, 'sap:view': 0.5 }, 'a clock before the expiry sees it again');
  });

  it('is rebuilt after an ingest moves the graph version', async () => {
    const first = await coverage(t, '2026-05-15T00:00:00.000Z');
    await t.ingest(bundle(true), { now: () => new Date('2026-05-01T00:00:00Z') });
    const second = await coverage(t, '2026-05-15T00:00:00.000Z');
    assert.notEqual(second.model, first.model);
    assert.equal(second.rows['sap:view'], 1);
  });

  it('serves concurrent first requests from one build', async () => {
    await t.ingest(bundle(false), { now: () => new Date('2026-05-01T00:00:00Z') });
    const models = await Promise.all([1, 2, 3, 4].map(() => peerModel(t.store, '2026-05-15T00:00:00.000Z')));
    assert.ok(models.every((m) => m === models[0]));
  });
});
