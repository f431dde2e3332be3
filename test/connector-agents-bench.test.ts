import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentRegistryConnector } from '../ingest/agents';
import { ENTITY_FILES } from '../ingest/bundle/records';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { tempStore } from './helpers/temp-store';
import { copyFixture } from './helpers/write-bundle';
import { NOW, writeTemp } from './connector-agents-helpers';

const OWNERS = ['hr:alice', 'hr:bob', 'hr:carol'];

/** A registry shaped like a large real one: teams, shared tools, delegations from people, sub-agent chains. */
function generatedRegistry(count: number): string {
  const lines = ['version: 1', 'system: fleet', 'agents:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - id: agent-${i}`,
      `    name: Agent ${i}`,
      `    owner: ${OWNERS[i % OWNERS.length]}`,
      `    ownerTeam: team-${i % 20}`,
      `    purpose: generated agent number ${i}`,
      `    model: ${i % 2 ? 'anthropic/claude-haiku-4.5' : 'openai/gpt-4.1@2025-04-14'}`,
      '    tools:',
    );
    for (let k = 0; k < 4; k++) {
      const n = (i * 3 + k) % 40;
      lines.push(`      - { id: tool_${n}, sensitivity: ${n % 5 ? 'low' : 'high'} }`);
    }
    lines.push(`      - { id: gh_${i % 5}, system: github-mcp }`);
    if (i % 2 === 0) {
      lines.push('    delegations:', `      - { from: hr:bob, scope: [sap:view_ledger, sap:approve_payment], expiresAt: 2099-01-01T00:00:00Z }`);
    }
    if (i % 4 === 0 && i + 1 < count) lines.push('    subAgents:', `      - { id: agent-${i + 1}, scope: [sap:approve_payment, tool_${(i * 3) % 40}] }`);
    lines.push(
      '    credentials:',
      '      - { id: llm-key, type: api_key, createdAt: 2026-01-01T00:00:00Z, lastRotatedAt: 2026-06-01T00:00:00Z }',
      '      - { id: gh-token, type: token, createdAt: 2026-01-01T00:00:00Z, expiresAt: 2027-01-01T00:00:00Z }',
    );
  }
  return lines.join('\n') + '\n';
}

describe('agent registry throughput', () => {
  it('transforms and ingests a registry of 2,000 agents', async (t) => {
    const dir = writeTemp({ 'fleet.yaml': generatedRegistry(2000) });
    let started = performance.now();
    const { result, assembled } = await transformFrom(agentRegistryConnector, dir, {}, NOW);
    const transformMs = performance.now() - started;
    assert.deepEqual(assembled.rejects, []);
    const records = ENTITY_FILES.reduce((n, e) => n + result.records[e].length, 0);

    const store = await tempStore();
    try {
      assert.equal((await store.ingest(copyFixture('acme'))).status, 'succeeded');
      started = performance.now();
      const run = await ingestVia(store, agentRegistryConnector, dir);
      const ingestMs = performance.now() - started;
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
      assert.equal(run.counts.identities, 2000);
      const rate = (ms: number) => Math.round(records / (ms / 1000)).toLocaleString('en-US');
      t.diagnostic(`${records} records from 2,000 agents`);
      t.diagnostic(`get+transform: ${transformMs.toFixed(0)} ms (${rate(transformMs)} records/s)`);
      t.diagnostic(`end-to-end full ingest: ${ingestMs.toFixed(0)} ms (${rate(ingestMs)} records/s); phases ${JSON.stringify(run.timingsMs)}`);
    } finally {
      await store.close();
    }
  });
});
