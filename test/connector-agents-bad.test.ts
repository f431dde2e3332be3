import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentRegistryConnector } from '../ingest/agents';
import type { Reject } from '../ingest/bundle/reject';
import { WhohasError } from '../src/errors';
import { registryFrom, registryYaml, values, writeTemp } from './connector-agents-helpers';

const only = (rejects: Reject[]) => {
  assert.equal(rejects.length, 1, JSON.stringify(rejects));
  return rejects[0];
};

function throwsUnreadable(fn: () => unknown, pattern: RegExp, line: number) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof WhohasError);
    assert.equal(e.code, 'BUNDLE_FILE_UNREADABLE');
    assert.match(e.message, pattern);
    assert.equal(e.details?.line, line);
    return true;
  });
}

describe('agent registry: files that cannot be read fail the run, naming file and line', () => {
  it('YAML syntax error', () => {
    const text = registryYaml('  - id: a\n    tools: [t1, t2\n  - id: b\n');
    throwsUnreadable(() => registryFrom(text, 'agents.yaml'), /^agents\.yaml is not valid YAML at line \d+: /, 6);
  });

  it('a key given twice in one mapping', () => {
    throwsUnreadable(() => registryFrom(registryYaml('  - id: a\n    owner: hr:x\n    owner: hr:y\n')), /not valid YAML at line 6: Map keys must be unique/, 6);
  });

  it('JSON syntax error', () => {
    const text = '{\n  "version": 1,\n  "agents": [\n    { "id": "a", }\n  ]\n}\n';
    throwsUnreadable(() => registryFrom(text, 'agents.json'), /^agents\.json is not valid JSON at line 4/, 4);
  });

  it('a header that is wrong (unknown top-level field, wrong version) rather than rejecting every agent', () => {
    throwsUnreadable(() => registryFrom('version: 1\nsytem: hub\nagents: []\n'), /registry\.yaml line 2: \(top level\): unknown field\(s\) sytem/, 2);
    throwsUnreadable(() => registryFrom('version: 2\nagents: []\n'), /line 1: version: must be 1/, 1);
    throwsUnreadable(() => registryFrom('just a string\n'), /must hold a list of agents/, 1);
  });

  it('a file above the size limit is refused before it is read', async () => {
    const dir = writeTemp({ 'huge.yaml': registryYaml('  - id: a\n'.repeat(2000)) });
    await assert.rejects(agentRegistryConnector.get(dir, {} as never, { maxFileBytes: 4096 }), (e: unknown) => {
      assert.ok(e instanceof WhohasError);
      assert.equal(e.code, 'BUNDLE_FILE_TOO_LARGE');
      assert.match(e.message, /^huge\.yaml is /);
      return true;
    });
  });
});

describe('agent registry: record-level problems are rejects with file, line, field path and reason', () => {
  it('an unknown field rejects that agent only, naming the field; its identity and account are named for keeping', () => {
    const result = registryFrom(registryYaml('  - id: a\n    owner: hr:x\n  - id: b\n    colour: blue\n    owner: hr:x\n'));
    assert.deepEqual(result.rejects, [
      {
        file: 'registry.yaml', line: 6, field: 'agents[1].colour', reason: 'agents[1]: unknown field(s) colour',
        id: 'agent:b', key: { id: 'agent:b' }, entity: 'identities',
      },
      {
        file: 'registry.yaml', line: 6, field: 'agents[1]', reason: "agents:hub:account/b is kept as loaded before: agent 'b' was rejected (registry.yaml:6)",
        id: 'agents:hub:account/b', key: { id: 'agents:hub:account/b' }, entity: 'accounts',
      },
    ]);
    assert.deepEqual(values(result, 'identities').map((i) => i.id), ['agent:a']);
  });

  it('a rejected agent names everything it would have produced that this run does not load: a full run keeps it', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [shared]',
      '    subAgents: [{ id: b, scope: "*" }]',
      '  - id: b',
      '    status: sleeping',
      '    tools: [shared, { id: mine, system: mail, privileged: true }, { name: Export Ledger }, { sensitivity: 9 }]',
      '    credentials: [{ id: key1, type: api_key }, { type: token }]',
      '    delegations: [{ from: hr:bob, scope: "*" }, { from: a, scope: [shared] }, { scope: "*" }]',
      '    subAgents: [{ id: c, scope: "*" }, { id: a, scope: "*" }, { id: ghost, scope: "*" }]',
      '  - id: c',
      '    delegations: [{ from: b, scope: "*" }]',
      '',
    ].join('\n')));
    const named = result.rejects.map((r) => [r.line, r.entity, r.key]);
    assert.deepEqual(named, [
      [7, 'identities', { id: 'agent:b' }],
      [6, 'delegations', { fromId: 'agent:a', toId: 'agent:b' }],
      [14, 'delegations', { fromId: 'agent:b', toId: 'agent:c' }],
      // What b's own entry gave: accounts on its platform and tool systems, its grants and the tools
      // no loaded agent lists, its credentials, its delegations and sub-agents (not the unknown ghost).
      [7, 'accounts', { id: 'agents:hub:account/b' }],
      [7, 'systems', { id: 'agents:mail' }],
      [7, 'accounts', { id: 'agents:mail:account/b' }],
      [9, 'grants', { holderId: 'agents:hub:account/b', entitlementId: 'agents:hub:tool/shared' }],
      [9, 'entitlements', { id: 'agents:mail:tool/mine' }],
      [9, 'grants', { holderId: 'agents:mail:account/b', entitlementId: 'agents:mail:tool/mine' }],
      [9, 'entitlements', { id: 'agents:hub:tool/export-ledger' }],
      [9, 'grants', { holderId: 'agents:hub:account/b', entitlementId: 'agents:hub:tool/export-ledger' }],
      [10, 'credentials', { id: 'agents:hub:credential/b/key1' }],
      [10, 'credentials', { id: 'agents:hub:credential/b/token' }],
      // a -> b and b -> c are named once, by the statements of a and c that point at b.
      [11, 'delegations', { fromId: 'hr:bob', toId: 'agent:b' }],
      [12, 'delegations', { fromId: 'agent:b', toId: 'agent:a' }],
    ]);
    assert.match(result.rejects[3].reason, /^agents:hub:account\/b is kept as loaded before: agent 'b' was rejected \(registry\.yaml:7\)$/);
    assert.deepEqual(values(result, 'identities').map((i) => i.id), ['agent:a', 'agent:c']);
  });

  it('a duplicate agent id rejects the second entry and points at the first', () => {
    const r = only(registryFrom(registryYaml('  - id: a\n  - id: b\n  - id: a\n')).rejects);
    assert.deepEqual([r.line, r.field, r.reason], [6, 'agents[2].id', "duplicate agent id 'a' (first at registry.yaml:4)"]);
  });

  it('a sub-agent that is not in the registry, and one whose entry was rejected', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    subAgents:',
      '      - { id: ghost, scope: "*" }',
      '      - { id: b, scope: "*" }',
      '  - id: b',
      '    status: sleeping',
      '',
    ].join('\n')));
    const [ghost, rejectedB, bad, keptAccount] = [...result.rejects].sort((x, y) => x.line - y.line);
    assert.deepEqual([bad.line, bad.field, bad.entity, bad.key], [8, 'agents[1].status', 'identities', { id: 'agent:b' }]);
    assert.deepEqual([keptAccount.line, keptAccount.entity, keptAccount.key], [8, 'accounts', { id: 'agents:hub:account/b' }]);
    assert.match(bad.reason, /agents\[1\]\.status: must be one of: "active"\|"suspended"\|"retired"/);
    // ghost is not in the registry, so nothing is kept for it; the edge to the rejected b is.
    assert.deepEqual([ghost.line, ghost.field, ghost.reason, ghost.entity], [6, 'agents[0].subAgents[0].id', "names agent 'ghost', which is not in this registry", undefined]);
    assert.deepEqual([rejectedB.line, rejectedB.field, rejectedB.reason], [7, 'agents[0].subAgents[1].id', "names agent 'b', which was rejected (registry.yaml:8)"]);
    assert.deepEqual([rejectedB.entity, rejectedB.key], ['delegations', { fromId: 'agent:a', toId: 'agent:b' }]);
    assert.deepEqual(values(result, 'delegations'), []);
  });

  it('a scope of the wrong type rejects that delegation only', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [t1]',
      '    delegations:',
      '      - from: hr:bob',
      '        scope: [t1]',
      '      - from: hr:carol',
      '        scope: { all: true }',
      '',
    ].join('\n')));
    const r = only(result.rejects);
    assert.deepEqual([r.line, r.field], [9, 'agents[0].delegations[1].scope']);
    assert.match(r.reason, /must be "\*", a tool or entitlement id, or a list of them/);
    assert.deepEqual(values(result, 'delegations'), [{ fromId: 'hr:bob', toId: 'agent:a', scope: ['agents:hub:tool/t1'] }]);
  });

  it('other bad scopes: "*" among ids, an empty list, a tool id two systems declare', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [{ id: send, system: mail }, { id: send, system: chat }]',
      '    delegations:',
      '      - { from: hr:x, scope: ["*", t1] }',
      '      - { from: hr:y, scope: [] }',
      '      - { from: hr:z, scope: [send] }',
      '',
    ].join('\n')));
    assert.deepEqual(result.rejects.map((r) => [r.line, r.field]), [
      [7, 'agents[0].delegations[0].scope'], [8, 'agents[0].delegations[1].scope'], [9, 'agents[0].delegations[2].scope'],
    ]);
    assert.match(result.rejects[0].reason, /"\*" must be the only scope entry/);
    assert.match(result.rejects[1].reason, /must list at least one/);
    assert.match(result.rejects[2].reason, /tool 'send' exists on several systems \(agents:chat:tool\/send, agents:mail:tool\/send\)/);
  });

  it('times without a zone, self-delegation, a conflicting second statement of one delegation', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    delegations:',
      '      - { from: a, scope: "*" }',
      '      - { from: hr:x, scope: "*", expiresAt: 2027-01-01 }',
      '    subAgents: [{ id: b, scope: "*" }]',
      '  - id: b',
      '    delegations: [{ from: a, scope: [sap:read] }]',
      '',
    ].join('\n')));
    assert.deepEqual(result.rejects.map((r) => [r.line, r.field]), [
      [6, 'agents[0].delegations[0]'], [7, 'agents[0].delegations[1].expiresAt'], [10, 'agents[1].delegations[0]'],
    ]);
    assert.match(result.rejects[0].reason, /cannot delegate to itself/);
    assert.match(result.rejects[1].reason, /ISO-8601 time with a zone/);
    assert.match(result.rejects[2].reason, /agent:a -> agent:b is also declared at registry\.yaml:8, differently/);
  });

  it('tools, credentials and attributes are checked entry by entry', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [{ privileged: yes }, ok_tool, ok_tool]',
      '    credentials:',
      '      - { type: api_key }',
      '      - { type: api_key }',
      '      - { type: magic_link }',
      '  - id: c',
      '    attributes: { tools: everything }',
      '',
    ].join('\n')));
    assert.deepEqual(result.rejects.map((r) => [r.line, r.field]), [
      [10, 'agents[1].attributes'],
      [5, 'agents[0].tools[0].privileged'],
      [5, 'agents[0].tools[2]'],
      [8, 'agents[0].credentials[1].id'],
      [9, 'agents[0].credentials[2].type'],
      [10, 'agents[1]'],
    ]);
    // What each reject names for a full run to keep: the rejected agent c (and its account), the bad
    // credential by its type; not the repeats (their first statement loads) nor a tool without id or name.
    assert.deepEqual(result.rejects.map((r) => r.entity && [r.entity, r.key]), [
      ['identities', { id: 'agent:c' }],
      undefined,
      undefined,
      undefined,
      ['credentials', { id: 'agents:hub:credential/a/magic_link' }],
      ['accounts', { id: 'agents:hub:account/c' }],
    ]);
    assert.match(result.rejects[0].reason, /may not set .*tools/);
    assert.match(result.rejects[3].reason, /credential id 'api_key' repeats \(first at line 7\)/);
    assert.deepEqual(values(result, 'grants').map((g) => g.entitlementId), ['agents:hub:tool/ok_tool']);
    assert.deepEqual(values(result, 'credentials').map((c) => c.id), ['agents:hub:credential/a/api_key']);
  });

  it('a bad tool entry that still names its tool keeps the grant, and the tool no loaded agent lists', () => {
    const result = registryFrom(registryYaml([
      '  - id: a',
      '    tools: [ok_tool, { id: mine, privileged: yes }, { id: other, system: mail, sensitivity: extreme }]',
      '',
    ].join('\n')));
    assert.deepEqual(result.rejects.map((r) => [r.field, r.entity, r.key]), [
      ['agents[0].tools[1].privileged', 'grants', { holderId: 'agents:hub:account/a', entitlementId: 'agents:hub:tool/mine' }],
      ['agents[0].tools[2].sensitivity', 'grants', { holderId: 'agents:mail:account/a', entitlementId: 'agents:mail:tool/other' }],
      ['agents[0].tools[1].privileged', 'entitlements', { id: 'agents:hub:tool/mine' }],
      ['agents[0].tools[2].sensitivity', 'entitlements', { id: 'agents:mail:tool/other' }],
      ['agents[0].tools[2].sensitivity', 'systems', { id: 'agents:mail' }],
      ['agents[0].tools[2].sensitivity', 'accounts', { id: 'agents:mail:account/a' }],
    ]);
    assert.match(result.rejects[2].reason, /^agents:hub:tool\/mine is kept as loaded before: its tool entry was rejected \(registry\.yaml:5\)$/);
    assert.deepEqual(values(result, 'grants').map((g) => g.entitlementId), ['agents:hub:tool/ok_tool']);
  });

  it('an entry that is not a mapping', () => {
    const r = only(registryFrom(registryYaml('  - just-a-name\n')).rejects);
    assert.deepEqual([r.line, r.field], [4, 'agents[0]']);
  });
});
