import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { delegationsToWrite, delegationKey, storedForm } from '../ingest/bundle/delegations-sync';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * Delegations are written only when new or changed and removed by key (kuzu 0.11.3 breaks when the
 * same DELEGATES_TO edges are rewritten run after run). The outcome must be what update tags gave:
 * a full run replaces this source's delegations, an incremental run only adds, a rejected record
 * keeps what it names, and another source's delegations are left alone.
 */
const HR = { source: 'hr', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' };
const AGENTS = { source: 'agent-registry', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' };
const people = ['ann', 'bob'].map((p) => ({ id: `hr:${p}`, kind: 'human', displayName: p, status: 'active' }));
const agents = ['a1', 'a2', 'a3'].map((a) => ({ id: `agent:${a}`, kind: 'agent', displayName: a, ownerId: 'hr:ann', status: 'active' }));
const d = (fromId: string, toId: string, scope: string[], extra: object = {}) => ({ fromId, toId, scope, ...extra });

describe('delegations: written when new or changed, removed by key', () => {
  let t: TempStore;
  const delegations = async () => {
    const rows = await t.store.run('read/delegations-from', { ids: ['hr:ann', 'hr:bob', 'agent:a1'] });
    return rows.map((r) => `${r.fromId}>${r.toId} [${(r.scope as string[]).join(',')}]${r.purpose ? ` ${r.purpose}` : ''}${r.expiresAt ? ` until ${r.expiresAt}` : ''}`).sort();
  };
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(writeBundle({ 'source.json': HR, identities: people }))).status, 'succeeded');
  });
  after(() => t?.close());

  it('plans nothing for an unchanged record, and a write for a new or changed one', () => {
    const stored = new Map([d('hr:ann', 'agent:a1', ['*'])].map((x) => [delegationKey(x), storedForm(x)]));
    assert.deepEqual(delegationsToWrite([d('hr:ann', 'agent:a1', ['*'])], stored), []);
    assert.equal(delegationsToWrite([d('hr:ann', 'agent:a1', ['*'], { purpose: 'pay' })], stored).length, 1);
    assert.equal(delegationsToWrite([d('hr:ann', 'agent:a1', ['sap:pay'])], stored).length, 1);
    assert.equal(delegationsToWrite([d('hr:bob', 'agent:a1', ['*'])], stored).length, 1);
  });

  it('a full run replaces the source’s delegations: changed values land, missing ones go, unchanged stay', async () => {
    const first = await t.ingest(writeBundle({ 'source.json': AGENTS, identities: agents,
      delegations: [d('hr:ann', 'agent:a1', ['*']), d('hr:ann', 'agent:a2', ['*']), d('agent:a1', 'agent:a3', ['*'])] }));
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    const second = await t.ingest(writeBundle({ 'source.json': AGENTS, identities: agents,
      delegations: [d('hr:ann', 'agent:a1', ['*']), d('hr:ann', 'agent:a2', ['*'], { purpose: 'narrowed', expiresAt: '2099-01-01T00:00:00Z' }), d('hr:bob', 'agent:a3', ['*'])] }));
    assert.equal(second.status, 'succeeded', JSON.stringify(second.error));
    assert.equal(second.counts.rejected ?? 0, 0, JSON.stringify(second.counts));
    assert.equal(second.counts['removed.delegations'], 1);
    assert.deepEqual(await delegations(), ['hr:ann>agent:a1 [*]', 'hr:ann>agent:a2 [*] narrowed until 2099-01-01T00:00:00.000Z', 'hr:bob>agent:a3 [*]']);
  });

  it('an incremental run adds and changes, and removes nothing', async () => {
    const run = await t.ingest(writeBundle({ 'source.json': { ...AGENTS, mode: 'incremental' }, delegations: [d('agent:a1', 'agent:a2', ['*'])] }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['removed.delegations'], undefined);
    assert.deepEqual(await delegations(), ['agent:a1>agent:a2 [*]', 'hr:ann>agent:a1 [*]', 'hr:ann>agent:a2 [*] narrowed until 2099-01-01T00:00:00.000Z', 'hr:bob>agent:a3 [*]']);
  });

  it('a full run keeps a delegation whose record it rejected, and leaves other sources’ delegations alone', async () => {
    const other = await t.ingest(writeBundle({ 'source.json': { ...HR, source: 'iga' }, delegations: [d('hr:bob', 'agent:a1', ['*'])] }));
    assert.equal(other.status, 'succeeded', JSON.stringify(other.error));
    const run = await t.ingest(writeBundle({ 'source.json': AGENTS, identities: agents,
      delegations: [d('hr:ann', 'agent:a1', ['*']), d('hr:ann', 'agent:a2', [])] }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['kept.delegations'], 1);
    assert.deepEqual(await delegations(), ['hr:ann>agent:a1 [*]', 'hr:ann>agent:a2 [*] narrowed until 2099-01-01T00:00:00.000Z', 'hr:bob>agent:a1 [*]']);
  });
});
