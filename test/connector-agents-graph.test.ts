import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { agentRegistryConnector } from '../ingest/agents';
import { readKnownIds } from '../ingest/bundle/known-ids';
import { identitiesById } from '../src/read/graph-reader';
import { ingestVia } from './helpers/connector-run';
import { accessOf, grantOf, holders, hops } from './helpers/graph-queries';
import { tempStore, type TempStore } from './helpers/temp-store';
import { copyFixture } from './helpers/write-bundle';
import { NOW, REGISTRY_DIR, registryYaml, writeTemp } from './connector-agents-helpers';

const AT = NOW.toISOString();
const clock = { now: () => NOW };
const tool = (id: string) => `agents:agenthub:tool/${id}`;

async function delegationsTo(t: TempStore, toId: string): Promise<string[]> {
  const rows = await t.store.run('access/delegations', {});
  return rows.filter((r) => r.toId === toId).map((r) => String(r.fromId)).sort();
}

describe('agent registry in the graph, beside the acme HR source', () => {
  let t: TempStore;
  let hrIdentities: string[];
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(copyFixture('acme'), clock)).status, 'succeeded');
    hrIdentities = [...(await t.store.read(readKnownIds)).identities].sort();
  });
  after(async () => t.close());

  it('loads every record, owners and delegators resolving to HR identities', async () => {
    const run = await ingestVia(t, agentRegistryConnector, REGISTRY_DIR, {}, clock);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
    assert.equal(run.source, 'agents:acme-agents');
    assert.deepEqual(
      [run.counts.identities, run.counts.accounts, run.counts.entitlements, run.counts.grants, run.counts.delegations, run.counts.credentials],
      [6, 8, 11, 12, 4, 5],
    );
    assert.ok(run.notes.some((n) => n.includes('agent:incident-summarizer')));
  });

  it('(a) gives the sub-agent the chain narrowed at each hop: its own tool, plus bob ∩ invoice-agent scope ∩ its scope', async () => {
    assert.deepEqual(await accessOf(t.store, 'agent:invoice-agent', AT), [
      tool('match_po'), tool('read_invoice'), tool('schedule_payment'), 'sap:approve_payment', 'sap:view_ledger',
    ]);
    // sap:create_vendor is in the sub-agent's scope but bob never delegated it: the chain cannot widen.
    assert.deepEqual(await accessOf(t.store, 'agent:payment-executor', AT), [
      tool('schedule_payment'), 'agents:bank-gateway:tool/bank_transfer', 'sap:approve_payment',
    ]);
    const approve = await grantOf(t.store, 'agent:payment-executor', 'sap:approve_payment', AT);
    assert.equal(approve!.viaDelegation, true);
    assert.deepEqual(hops(approve!.paths[0]).slice(0, 3), [
      '>identity:agent:payment-executor', 'DELEGATES_TO>identity:agent:invoice-agent', 'DELEGATES_TO>identity:hr:bob',
    ]);
    assert.equal((await grantOf(t.store, 'agent:payment-executor', 'agents:bank-gateway:tool/bank_transfer', AT))!.viaDelegation, false);
    assert.deepEqual(await holders(t.store, 'sap:create_vendor', AT), ['hr:alice', 'hr:bob']);
  });

  it('confers nothing through an expired delegation or a retired agent', async () => {
    assert.deepEqual(await accessOf(t.store, 'agent:expense-auditor', AT), [tool('flag_expense'), tool('read_invoice')]);
    assert.deepEqual(await accessOf(t.store, 'agent:legacy-report-bot', AT), []);
  });

  it('(b) a full run without an agent removes it and its delegations, and nothing of the HR source', async () => {
    const registry = parse(readFileSync(join(REGISTRY_DIR, 'acme-agents.yaml'), 'utf8'));
    registry.agents = registry.agents.filter((a: { id: string }) => a.id !== 'expense-auditor');
    const bobBefore = await accessOf(t.store, 'hr:bob', AT);
    const run = await ingestVia(t, agentRegistryConnector, writeTemp({ 'acme-agents.yaml': stringify(registry) }), {}, clock);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'full', 'the connector default');
    assert.deepEqual(
      ['identities', 'accounts', 'grants', 'entitlements', 'delegations', 'credentials'].map((k) => run.counts[`removed.${k}`]),
      [1, 1, 2, 1, 2, 1],
      'the agent, its account, both grants, flag_expense (no one else lists it), both delegations, its key',
    );
    const known = await t.store.read(readKnownIds);
    assert.ok(!known.identities.has('agent:expense-auditor'));
    assert.ok(!known.accounts.has('agents:agenthub:account/expense-auditor'));
    assert.ok(known.entitlements.has(tool('read_invoice')), 'still listed by invoice-agent');
    assert.deepEqual(await delegationsTo(t, 'agent:expense-auditor'), []);
    assert.deepEqual(await delegationsTo(t, 'agent:payment-executor'), ['agent:invoice-agent']);
    for (const id of hrIdentities) assert.ok(known.identities.has(id), `${id} of acme-hr is still there`);
    assert.deepEqual(await accessOf(t.store, 'hr:bob', AT), bobBefore);
    assert.deepEqual(await accessOf(t.store, 'agent:payments-sub', AT), ['sap:approve_payment', 'tools:send_email'], 'acme agents untouched');
  });
});

describe('agent registry: a full run keeps what a rejected agent entry loaded before', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(copyFixture('acme'), clock)).status, 'succeeded');
  });
  after(async () => t.close());

  it('a typo in one agent keeps it, its account, tools, grants, credential and both delegations as they were', async () => {
    const first = await ingestVia(t, agentRegistryConnector, REGISTRY_DIR, {}, clock);
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    const accessBefore = await accessOf(t.store, 'agent:expense-auditor', AT);
    assert.deepEqual(accessBefore, [tool('flag_expense'), tool('read_invoice')]);
    assert.deepEqual(await delegationsTo(t, 'agent:expense-auditor'), ['agent:invoice-agent', 'hr:carol']);

    const registry = parse(readFileSync(join(REGISTRY_DIR, 'acme-agents.yaml'), 'utf8'));
    const auditor = registry.agents.find((a: { id: string }) => a.id === 'expense-auditor');
    auditor.status = 'paused';
    const run = await ingestVia(t, agentRegistryConnector, writeTemp({ 'acme-agents.yaml': stringify(registry) }), {}, clock);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'full');
    const reject = run.rejectSample.find((r) => r.field === 'agents[2].status')!;
    assert.ok(reject, JSON.stringify(run.rejectSample));
    assert.deepEqual([reject.entity, reject.key], ['identities', { id: 'agent:expense-auditor' }]);
    assert.ok(run.counts['kept.identities'] >= 1, JSON.stringify(run.counts));
    assert.ok(run.counts['kept.delegations'] >= 2, JSON.stringify(run.counts));
    for (const what of ['identities', 'accounts', 'grants', 'entitlements', 'delegations', 'credentials']) {
      assert.equal(run.counts[`removed.${what}`] ?? 0, 0, `nothing of the rejected agent is removed (${what})`);
    }
    const [auditorIdentity] = await identitiesById(t.store, ['agent:expense-auditor']);
    assert.equal(auditorIdentity?.status, 'active', 'kept as loaded before, not half-updated');
    assert.deepEqual(await delegationsTo(t, 'agent:expense-auditor'), ['agent:invoice-agent', 'hr:carol']);
    assert.deepEqual(await accessOf(t.store, 'agent:expense-auditor', AT), accessBefore);
    const known = await t.store.read(readKnownIds);
    assert.ok(known.accounts.has('agents:agenthub:account/expense-auditor'));
    assert.ok(known.entitlements.has(tool('flag_expense')), 'the tool only this agent lists');

    // Fixed in the next run: it loads again, and nothing needs keeping.
    const fixed = await ingestVia(t, agentRegistryConnector, REGISTRY_DIR, {}, clock);
    assert.equal(fixed.rejectCount, 0, JSON.stringify(fixed.rejectSample));
    assert.equal(fixed.counts['kept.identities'], undefined);
  });
});

describe('agent registry: what only the graph can check points back at the registry line', () => {
  it('rejects an unknown owner, an unknown delegator and an unknown scope entitlement', async () => {
    const t = await tempStore();
    try {
      assert.equal((await t.ingest(copyFixture('acme'), clock)).status, 'succeeded');
      const text = registryYaml([
        '  - id: orphan',
        '    owner: hr:nobody',
        '  - id: helper',
        '    owner: hr:bob',
        '    delegations:',
        '      - { from: hr:ghost, scope: "*" }',
        '      - { from: hr:bob, scope: [sap:nope] }',
        '',
      ].join('\n'));
      const run = await ingestVia(t, agentRegistryConnector, writeTemp({ 'bots.yaml': text }), {}, clock);
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.deepEqual(run.rejectSample.map((r) => [r.file, r.line, r.field, r.reason]), [
        ['bots.yaml', 4, 'ownerId', "references identity 'hr:nobody', which is neither in this bundle nor in the graph"],
        ['bots.yaml', 9, 'fromId', "references identity 'hr:ghost', which is neither in this bundle nor in the graph"],
        ['bots.yaml', 10, 'scope', "references entitlement 'sap:nope', which is neither in this bundle nor in the graph"],
      ]);
      assert.ok((await t.store.read(readKnownIds)).identities.has('agent:helper'));
    } finally {
      await t.close();
    }
  });
});
