import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { a2aCardConnector, agentRegistryConnector } from '../ingest/agents';
import type { Probe, TransformResult } from '../ingest/core/connector';
import { probePath } from '../ingest/core/probe';
import { parseConnectorOptions } from '../ingest/core/run-connector';
import { WhohasError } from '../src/errors';
import { transformFrom } from './helpers/connector-run';
import { CARDS_DIR, NOW, REGISTRY_DIR, registryFrom, registryYaml, values, writeTemp } from './connector-agents-helpers';

const FIXTURE = join(REGISTRY_DIR, 'acme-agents.yaml');

describe('agent registry transform: the acme fixture', () => {
  let result: TransformResult;
  let assembled: Awaited<ReturnType<typeof transformFrom>>['assembled'];
  before(async () => {
    ({ result, assembled } = await transformFrom(agentRegistryConnector, REGISTRY_DIR, {}, NOW));
  });

  it('names the source after the registry file and passes every record through the bundle schemas', () => {
    assert.deepEqual(result.source, { source: 'agents:acme-agents', mode: 'full', exportedAt: '2026-11-01T00:00:00.000Z' });
    assert.deepEqual(result.rejects, []);
    assert.deepEqual(assembled.rejects, [], 'every emitted record matches records.ts exactly');
  });

  it('emits one agent identity per entry, with the attributes peer grouping compares', () => {
    const ids = values(result, 'identities').map((i) => i.id);
    assert.deepEqual(ids, [
      'agent:invoice-agent', 'agent:payment-executor', 'agent:expense-auditor',
      'agent:legacy-report-bot', 'agent:deploy-agent', 'agent:incident-summarizer',
    ]);
    const invoice = result.records.identities[0];
    assert.equal(invoice.line, 8, 'the line of the `- id: invoice-agent` entry');
    assert.deepEqual(invoice.value, {
      id: 'agent:invoice-agent',
      kind: 'agent',
      displayName: 'Invoice Agent',
      status: 'active',
      ownerId: 'hr:bob',
      purpose: 'matches supplier invoices to purchase orders and pays the approved ones',
      createdAt: '2026-02-01T09:00:00.000Z',
      attributes: {
        platform: 'agenthub',
        model: 'anthropic/claude-sonnet-4.5@20250929',
        modelProvider: 'anthropic',
        modelName: 'claude-sonnet-4.5',
        modelVersion: '20250929',
        ownerTeam: 'finance-ops',
        tools: 'agents:agenthub:tool/match_po,agents:agenthub:tool/read_invoice,agents:agenthub:tool/schedule_payment',
      },
    });
    const byId = new Map(values(result, 'identities').map((i) => [i.id, i]));
    assert.equal(byId.get('agent:legacy-report-bot')!.status, 'terminated', 'retired -> terminated');
    assert.equal(byId.get('agent:incident-summarizer')!.ownerId, undefined);
    assert.deepEqual((byId.get('agent:deploy-agent')!.attributes as Record<string, string>).runtime, 'k8s-prod');
  });

  it('puts tools on the platform system, or on the system a tool names, each with an account of the agent', () => {
    assert.deepEqual(values(result, 'systems').map((s) => s.id), ['agents:agenthub', 'agents:bank-gateway', 'agents:github-mcp']);
    const accounts = values(result, 'accounts');
    assert.deepEqual(accounts.filter((a) => a.identityId === 'agent:deploy-agent').map((a) => a.id), [
      'agents:agenthub:account/deploy-agent',
      'agents:github-mcp:account/deploy-agent',
    ]);
    assert.equal(accounts.find((a) => a.id === 'agents:agenthub:account/legacy-report-bot')!.status, 'disabled');
    const grants = values(result, 'grants').filter((g) => String(g.holderId).endsWith('/deploy-agent'));
    assert.deepEqual(grants, [
      { holderId: 'agents:github-mcp:account/deploy-agent', holderType: 'account', entitlementId: 'agents:github-mcp:tool/gh_read_repo' },
      { holderId: 'agents:github-mcp:account/deploy-agent', holderType: 'account', entitlementId: 'agents:github-mcp:tool/gh_merge_pr' },
      { holderId: 'agents:agenthub:account/deploy-agent', holderType: 'account', entitlementId: 'agents:agenthub:tool/k8s_rollout' },
    ]);
  });

  it('emits a tool once, from its full declaration, though several agents list it', () => {
    const readInvoice = values(result, 'entitlements').filter((e) => e.id === 'agents:agenthub:tool/read_invoice');
    assert.deepEqual(readInvoice, [{
      id: 'agents:agenthub:tool/read_invoice', systemId: 'agents:agenthub', name: 'Read invoice', kind: 'tool',
      sensitivity: 'medium', description: 'read invoices from the accounts-payable inbox',
    }]);
    assert.equal(values(result, 'entitlements').length, 11);
    assert.ok(values(result, 'entitlements').every((e) => e.kind === 'tool'));
  });

  it('turns delegations and sub-agents into delegation records, resolving tool ids in scopes', () => {
    const delegations = result.records.delegations.map((d) => ({ line: d.line, ...(d.value as object) }));
    assert.deepEqual(delegations, [
      {
        line: 29, fromId: 'hr:bob', toId: 'agent:invoice-agent', scope: ['sap:approve_payment', 'sap:view_ledger'],
        grantedAt: '2026-02-01T09:00:00.000Z', expiresAt: '2099-12-31T00:00:00.000Z', purpose: 'pay approved supplier invoices for Bob',
      },
      {
        line: 35, fromId: 'agent:invoice-agent', toId: 'agent:payment-executor',
        scope: ['sap:approve_payment', 'agents:agenthub:tool/schedule_payment', 'sap:create_vendor'], purpose: 'execute one approved payment at a time',
      },
      {
        line: 79, fromId: 'hr:carol', toId: 'agent:expense-auditor', scope: ['sap:view_ledger'],
        grantedAt: '2026-04-01T00:00:00.000Z', expiresAt: '2026-06-30T00:00:00.000Z', purpose: 'Q2 close audit',
      },
      {
        line: 84, fromId: 'agent:invoice-agent', toId: 'agent:expense-auditor', scope: ['agents:agenthub:tool/read_invoice'],
        purpose: 'read the invoices behind an expense claim',
      },
    ]);
  });

  it('gives credentials to the agent identity, named by id or by type', () => {
    assert.deepEqual(values(result, 'credentials').map((c) => [c.id, c.holderId, c.type]), [
      ['agents:agenthub:credential/invoice-agent/anthropic-key', 'agent:invoice-agent', 'api_key'],
      ['agents:agenthub:credential/invoice-agent/sap-oauth', 'agent:invoice-agent', 'oauth_client'],
      ['agents:agenthub:credential/payment-executor/bank-mtls', 'agent:payment-executor', 'certificate'],
      ['agents:agenthub:credential/expense-auditor/api_key', 'agent:expense-auditor', 'api_key'],
      ['agents:agenthub:credential/deploy-agent/github-pat', 'agent:deploy-agent', 'token'],
    ]);
    assert.ok(values(result, 'credentials').every((c) => c.holderType === 'identity'));
  });

  it('notes the unowned agent and the expired delegation, with where they are', () => {
    assert.deepEqual(result.notes, [
      '1 agent(s) have no owner, so no one is accountable for them: agent:incident-summarizer (acme-agents.yaml:131)',
      '1 delegation(s) had expired; they are loaded but confer nothing: hr:carol -> agent:expense-auditor (acme-agents.yaml:79, 2026-06-30T00:00:00.000Z)',
    ]);
  });

  it('is deterministic, and JSON says the same as YAML', async () => {
    const again = await transformFrom(agentRegistryConnector, REGISTRY_DIR, {}, NOW);
    assert.deepEqual(again.result, result);
    const json = JSON.stringify(parse(readFileSync(FIXTURE, 'utf8')), null, 2);
    const fromJson = await transformFrom(agentRegistryConnector, writeTemp({ 'acme-agents.json': json }), {}, NOW);
    const strip = (r: typeof result) => Object.fromEntries(Object.entries(r.records).map(([k, list]) => [k, list.map((x) => x.value)]));
    assert.deepEqual(strip(fromJson.result), strip(result));
    assert.deepEqual(fromJson.result.source, result.source);
    assert.deepEqual(fromJson.result.rejects, []);
    const execLine = fromJson.result.records.identities.find((i) => (i.value as { id: string }).id === 'agent:payment-executor')!.line;
    assert.equal(json.split('\n')[execLine - 1].trim(), '{', 'JSON lines point at the agent object too');
  });
});

describe('agent registry transform: forms and options', () => {
  it('reads a bare list, with the platform and source named by options', () => {
    const result = registryFrom('- id: a1\n  owner: hr:x\n  tools: [t1]\n', 'bots.yml', { platform: 'copilot', name: 'prod', idPrefix: 'ai:' });
    assert.equal(result.source.source, 'agents:prod');
    assert.deepEqual(values(result, 'identities').map((i) => [i.id, i.displayName]), [['ai:a1', 'a1']]);
    assert.deepEqual(values(result, 'grants'), [{ holderId: 'agents:copilot:account/a1', holderType: 'account', entitlementId: 'agents:copilot:tool/t1' }]);
  });

  it('derives a tool id from its name, and reads the model in both forms', () => {
    const result = registryFrom(registryYaml(
      '  - id: a\n    model: mistral/large\n    tools: [{ name: Send Email }]\n  - id: b\n    model: { name: local-llm, version: 3 }\n',
    ));
    assert.deepEqual(values(result, 'entitlements').map((e) => [e.id, e.name]), [['agents:hub:tool/send-email', 'Send Email']]);
    const attrs = values(result, 'identities').map((i) => i.attributes as Record<string, string>);
    assert.equal(attrs[0].model, 'mistral/large');
    assert.deepEqual([attrs[1].model, attrs[1].modelVersion, attrs[1].modelProvider], ['local-llm@3', '3', undefined]);
  });

  it('merges disagreeing declarations of one tool towards the riskier reading, and says so', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [{ id: deploy, sensitivity: medium, privileged: false }]',
      '  - id: b',
      '    tools: [{ id: deploy, sensitivity: critical, privileged: true }]',
      '',
    ].join('\n')));
    assert.deepEqual(values(result, 'entitlements'), [
      { id: 'agents:hub:tool/deploy', systemId: 'agents:hub', name: 'deploy', kind: 'tool', privileged: true, sensitivity: 'critical' },
    ]);
    assert.ok(result.notes.includes(
      '1 tool(s) are declared differently by different agents; each is loaded with the riskier reading: '
      + 'agents:hub:tool/deploy (privileged, sensitivity: registry.yaml:5 vs registry.yaml:7)',
    ), JSON.stringify(result.notes));
  });

  it('states one delegation twice without complaint when both sides agree', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    subAgents: [{ id: b, scope: "*" }]',
      '  - id: b',
      '    delegations: [{ from: a, scope: ["*"] }]',
      '',
    ].join('\n')));
    assert.deepEqual(result.rejects, []);
    assert.deepEqual(values(result, 'delegations'), [{ fromId: 'agent:a', toId: 'agent:b', scope: ['*'] }]);
  });
});

describe('options', () => {
  it('fail fast on a typo, naming the option', () => {
    assert.throws(() => parseConnectorOptions(agentRegistryConnector, { platfrom: 'x' }), (e: unknown) =>
      e instanceof WhohasError && e.code === 'CONFIG_INVALID' && /agent-registry options: .*platfrom/.test(e.message));
    assert.throws(() => parseConnectorOptions(a2aCardConnector, { idPrefix: 'has space' }), /a2a-card options: 'idPrefix'/);
  });
});

describe('detection', () => {
  it('recognises the fixture folders as probed from disk', async () => {
    const registry = await probePath(REGISTRY_DIR);
    const cards = await probePath(CARDS_DIR);
    assert.deepEqual([agentRegistryConnector.detect!(registry), a2aCardConnector.detect!(registry)], [true, false]);
    assert.deepEqual([agentRegistryConnector.detect!(cards), a2aCardConnector.detect!(cards)], [false, true]);
  });

  const probe = (names: string[], heads: Record<string, string>, isDirectory = true): Probe =>
    ({ path: '/x', isDirectory, names, heads: new Map(Object.entries(heads)) });

  it('tells a registry, an agent card and an identity bundle apart', () => {
    const registry = readFileSync(FIXTURE, 'utf8');
    const card = readFileSync(join(CARDS_DIR, 'travel-booker.json'), 'utf8');
    assert.equal(agentRegistryConnector.detect!(probe(['acme-agents.yaml'], { 'acme-agents.yaml': registry })), true);
    assert.equal(agentRegistryConnector.detect!(probe(['bots.yaml'], { 'bots.yaml': '- id: x\n  owner: hr:y\n' })), true);
    assert.equal(agentRegistryConnector.detect!(probe(['travel.json'], { 'travel.json': card })), false);
    assert.equal(a2aCardConnector.detect!(probe(['travel.json'], { 'travel.json': card })), true);
    assert.equal(a2aCardConnector.detect!(probe(['agent-card.json'], { 'agent-card.json': '{}' })), true);
    assert.equal(a2aCardConnector.detect!(probe(['acme-agents.yaml'], { 'acme-agents.yaml': registry })), false);
    const bundle = probe(['identities.ndjson', 'source.json'], { 'identities.ndjson': '{"id":"x"}', 'source.json': '{"source":"x"}' });
    assert.equal(agentRegistryConnector.detect!(bundle), false);
    assert.equal(a2aCardConnector.detect!(bundle), false);
  });
});
