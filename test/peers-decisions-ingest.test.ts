import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { foldDecisions } from '../ingest/bundle/load-decisions';
import { peerModel } from '../src/read/peers-reader';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * The decisions file, a whohas extension (docs/decisions.md), through the normal ingest path:
 * validated, reference-checked, folded to the latest decision per pair, cleaned up by full runs.
 */
const SOURCE = { source: 'iga', mode: 'full', exportedAt: '2026-04-01T00:00:00Z' };
const BASE = {
  identities: [
    { id: 'hr:ann', kind: 'human', displayName: 'Ann', status: 'active' },
    { id: 'hr:ben', kind: 'human', displayName: 'Ben', status: 'active' },
  ],
  systems: [{ id: 'sap', name: 'SAP' }],
  entitlements: [
    { id: 'sap:pay', systemId: 'sap', name: 'Pay' },
    { id: 'sap:view', systemId: 'sap', name: 'View' },
  ],
};

type Row = { identityId: string; decided: Array<{ entitlementId: string; outcome: string; kind: string; decidedAt: string | null }> };
const decisions = async (t: TempStore) =>
  ((await t.store.run('peers/decisions', {})) as Row[])
    .flatMap((r) => r.decided.map((d) => `${r.identityId} ${d.entitlementId} ${d.outcome} ${d.kind} ${d.decidedAt ?? '-'}`))
    .sort();

describe('decisions bundle file', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('loads one decision per pair: the latest by decidedAt, an undated one losing to a dated one', async () => {
    const run = await t.ingest(writeBundle({
      'source.json': SOURCE,
      ...BASE,
      decisions: [
        { identityId: 'hr:ann', entitlementId: 'sap:pay', outcome: 'denied', decidedAt: '2026-03-01T10:00:00+02:00', reason: 'no business need' },
        { identityId: 'hr:ann', entitlementId: 'sap:pay', outcome: 'approved', decidedAt: '2026-01-15T00:00:00Z' },
        { identityId: 'hr:ann', entitlementId: 'sap:pay', outcome: 'approved' },
        { identityId: 'hr:ben', entitlementId: 'sap:view', outcome: 'approved', kind: 'review', decidedBy: 'hr:ann' },
      ],
    }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts.decisions, 4, 'records read');
    assert.deepEqual(await decisions(t), [
      'hr:ann sap:pay denied request 2026-03-01T08:00:00.000Z',
      'hr:ben sap:view approved review -',
    ]);
    const model = await peerModel(t.store, '2026-04-02T00:00:00.000Z');
    assert.deepEqual(model.recommend('hr:ann', 'sap:pay', '2026-04-02T00:00:00.000Z').priorDecision, {
      outcome: 'denied', kind: 'request', decidedAt: '2026-03-01T08:00:00.000Z', decidedBy: null, reason: 'no business need',
    });
  });

  it('rejects what breaks the contract, naming file, line and field; the rest loads', async () => {
    const run = await t.ingest(writeBundle({
      'source.json': SOURCE,
      ...BASE,
      decisions: [
        { identityId: 'hr:nobody', entitlementId: 'sap:pay', outcome: 'approved' },
        { identityId: 'hr:ann', entitlementId: 'sap:pay', outcome: 'maybe' },
        { identityId: 'hr:ann', entitlementId: 'sap:gone', outcome: 'denied' },
        { identityId: 'hr:ann', entitlementId: 'sap:view', outcome: 'approved', decidedAt: 'yesterday' },
        { identityId: 'hr:ben', entitlementId: 'sap:pay', outcome: 'denied' },
      ],
    }));
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(run.rejectSample.map((r) => [r.file, r.line, r.field]), [
      ['decisions.ndjson', 2, 'outcome'],
      ['decisions.ndjson', 4, 'decidedAt'],
      ['decisions.ndjson', 1, 'identityId'],
      ['decisions.ndjson', 3, 'entitlementId'],
    ]);
    assert.match(run.rejectSample[2].reason, /references identity 'hr:nobody', which is neither in this bundle nor in the graph/);
    assert.match(run.rejectSample[0].reason, /must be one of/);
    assert.deepEqual(await decisions(t), ['hr:ben sap:pay denied request -'], 'a full run: only what it supplied stays');
  });

  it('reads the CSV encoding too', async () => {
    const run = await t.ingest(writeBundle({
      'source.json': SOURCE,
      ...BASE,
      'decisions.csv': 'identityId,entitlementId,outcome,kind,decidedAt\nhr:ann,sap:view,approved,review,2026-02-01T00:00:00Z\nhr:ben,sap:pay,denied,,\n',
    }));
    assert.equal(run.status, 'succeeded');
    assert.equal(run.rejectCount, 0);
    assert.deepEqual(await decisions(t), ['hr:ann sap:view approved review 2026-02-01T00:00:00.000Z', 'hr:ben sap:pay denied request -']);
  });

  it('a full run without them removes them; an incremental run adds; re-ingesting changes nothing', async () => {
    const incremental = writeBundle({
      'source.json': { ...SOURCE, mode: 'incremental' },
      decisions: [{ identityId: 'hr:ann', entitlementId: 'sap:pay', outcome: 'approved' }],
    });
    await t.ingest(incremental);
    await t.ingest(incremental);
    assert.deepEqual(await decisions(t), [
      'hr:ann sap:pay approved request -', 'hr:ann sap:view approved review 2026-02-01T00:00:00.000Z', 'hr:ben sap:pay denied request -',
    ]);
    const full = await t.ingest(writeBundle({ 'source.json': SOURCE, ...BASE }));
    assert.equal(full.counts['removed.decisions'], 3);
    assert.deepEqual(await decisions(t), []);
  });

  it('an identity removed by a full run takes its decisions with it', async () => {
    await t.ingest(writeBundle({ 'source.json': SOURCE, ...BASE, decisions: [{ identityId: 'hr:ben', entitlementId: 'sap:view', outcome: 'denied' }] }));
    assert.deepEqual(await decisions(t), ['hr:ben sap:view denied request -']);
    const hr = { ...BASE, identities: BASE.identities.slice(0, 1) };
    const run = await t.ingest(writeBundle({ 'source.json': SOURCE, ...hr }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(await decisions(t), []);
  });
});

describe('folding decisions', () => {
  it('keeps the latest per pair; among equal times the later line', () => {
    const d = (outcome: 'approved' | 'denied', decidedAt?: string) => ({ identityId: 'i', entitlementId: 'e', outcome, kind: 'request' as const, decidedAt });
    assert.equal(foldDecisions([d('approved', '2026-02-01T00:00:00.000Z'), d('denied', '2026-01-01T00:00:00.000Z')])[0].outcome, 'approved');
    assert.equal(foldDecisions([d('approved'), d('denied')])[0].outcome, 'denied');
    assert.equal(foldDecisions([d('denied', '2026-01-01T00:00:00.000Z'), d('approved')])[0].outcome, 'denied');
  });
});
