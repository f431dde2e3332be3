import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ControlGraph } from '../src/sod/control';
import { findViolations, type AccessMap } from '../src/sod/evaluate';
import { parseRuleDocument } from '../src/sod/rules';
import { emptySides, resolveRules, resolveSide, type EntitlementFacts } from '../src/sod/selectors';

const NOW = new Date('2026-11-23T00:00:00Z');

function refusal(text: string): string {
  try {
    parseRuleDocument(text, 'rules.yaml', NOW);
  } catch (e) {
    assert.equal((e as { code?: string }).code, 'BAD_USER_INPUT');
    return (e as Error).message;
  }
  assert.fail('the document should have been refused');
}

const CATALOG: EntitlementFacts[] = [
  { id: 'sap:create_vendor', systemId: 'sap', name: 'Create vendor', kind: 'permission', privileged: true, sensitivity: 'high' },
  { id: 'sap:create_invoice', systemId: 'sap', name: 'Create invoice', kind: 'permission', privileged: false, sensitivity: 'medium' },
  { id: 'sap:approve_payment', systemId: 'sap', name: 'Approve payment', kind: 'permission', privileged: true, sensitivity: 'critical' },
  { id: 'aws:admin', systemId: 'aws', name: 'AdministratorAccess', kind: 'role', privileged: true, sensitivity: 'critical' },
];

describe('SoD rule documents', () => {
  it('accepts a bare JSON list and a YAML {version, rules} alike, and versions by content', () => {
    const rule = { id: 'R1', name: 'Pair', severity: 'high', left: ['sap:create_vendor'], right: 'sap:approve_payment' };
    const json = parseRuleDocument(JSON.stringify([rule]), 'rules.json', NOW);
    assert.match(json.version, /^[0-9a-f]{10}$/);
    assert.deepEqual(json.rules[0].right, ['sap:approve_payment'], 'a single side is read as a list of one');
    const yaml = parseRuleDocument('version: 7\nrules:\n  - id: R1\n    name: Pair\n    severity: high\n    left: [sap:create_vendor]\n    right: sap:approve_payment\n', 'rules.yaml', NOW);
    assert.equal(yaml.version, `7+${json.version}`, 'same rules, same hash; the declared version is kept in front');
    const changed = parseRuleDocument(JSON.stringify([{ ...rule, severity: 'critical' }]), 'rules.json', NOW);
    assert.notEqual(changed.version, json.version);
  });

  it('refuses a document with any bad rule, naming the line and the rule', () => {
    assert.match(refusal('rules:\n  - id: R1\n    name: x\n    severity: high\n    left: [a]\n    right: [b]\n    owner: me\n'), /^rules\.yaml:7: rule 1 \(rule 'R1'\): unknown field\(s\) owner; no rule was loaded$/);
    assert.match(refusal('- id: R1\n  name: x\n  severity: high\n  left: []\n  right: [b]\n'), /^rules\.yaml:4: rule 1 \(rule 'R1'\): left: must name at least one/);
    assert.match(refusal('- id: R1\n  name: x\n  severity: high\n  left: [{}]\n  right: [b]\n'), /a selector needs at least one of/);
    assert.match(refusal('- { id: R1, name: x, severity: high, left: [a], right: [b] }\n- { id: R1, name: y, severity: low, left: [a], right: [b] }\n'), /^rules\.yaml:2: rule id 'R1' is used twice \(first at rule 1\)/);
    assert.match(refusal('- id: R1\n  name: x\n  severity: high\n  left: [a]\n  right: [b]\n  mitigations:\n    - { identity: hr:x, reason: r, approver: a, expiry: tomorrow }\n'), /^rules\.yaml:7: .*mitigations\.0\.expiry/);
    assert.match(refusal('rules: [ {id: R1'), /^rules\.yaml:1: not valid YAML or JSON/);
    assert.match(refusal('just: text\n'), /expected a list of rules, or \{ version, rules/);
  });
});

describe('SoD selectors', () => {
  it('match by system, name pattern (name or id, case-insensitive), kind, privileged and minimum sensitivity', () => {
    assert.deepEqual([...resolveSide([{ system: 'sap', name: 'create *' }], CATALOG)].sort(), ['sap:create_invoice', 'sap:create_vendor']);
    assert.deepEqual([...resolveSide([{ name: 'SAP:APPROVE_*' }], CATALOG)], ['sap:approve_payment']);
    assert.deepEqual([...resolveSide([{ privileged: true, sensitivity: 'critical' }], CATALOG)].sort(), ['aws:admin', 'sap:approve_payment']);
    assert.deepEqual([...resolveSide([{ sensitivity: 'high', kind: 'permission' }], CATALOG)].sort(), ['sap:approve_payment', 'sap:create_vendor']);
    assert.deepEqual([...resolveSide(['sap:create_vendor', 'sap:gone'], CATALOG)], ['sap:create_vendor'], 'an id not in the graph matches nothing');
  });

  it('says which rule sides match nothing yet', () => {
    const set = parseRuleDocument('- { id: R1, name: x, severity: low, left: [sap:gone], right: [{ system: aws }] }\n', 'r.yaml', NOW);
    assert.deepEqual(emptySides(resolveRules(set.rules, CATALOG)), ["rule 'R1': left matches no entitlement in the graph"]);
  });
});

describe('SoD evaluation (pure)', () => {
  it('does not follow expired control edges, and ends on control cycles', () => {
    const set = parseRuleDocument('- { id: R1, name: x, severity: high, left: [sap:create_vendor], right: [sap:approve_payment] }\n', 'r.yaml', NOW);
    const rules = resolveRules(set.rules, CATALOG);
    const path = (who: string, e: string) => [[{ k: 'identity' as const, id: who }, { k: 'entitlement' as const, id: e, e: 'GRANTS' as const }]];
    const access: AccessMap = new Map([
      ['hr:a', new Map([['sap:create_vendor', path('hr:a', 'sap:create_vendor')]])],
      ['agent:b', new Map([['sap:approve_payment', path('agent:b', 'sap:approve_payment')]])],
    ]);
    const nowIso = NOW.toISOString();
    const expired = new ControlGraph([{ from: 'hr:a', to: 'agent:b', via: 'DELEGATES_TO', expiresAt: '2026-01-01T00:00:00Z', scope: ['*'] }], nowIso);
    assert.deepEqual(findViolations(rules, access, expired, nowIso), []);
    const cycle = new ControlGraph(
      [
        { from: 'hr:a', to: 'agent:b', via: 'DELEGATES_TO', expiresAt: null, scope: ['*'] },
        { from: 'agent:b', to: 'hr:a', via: 'DELEGATES_TO', expiresAt: null, scope: ['*'] },
      ],
      nowIso,
    );
    const found = findViolations(rules, access, cycle, nowIso).map((v) => `${v.identityId}:${v.kind}`);
    assert.deepEqual(found, ['agent:b:REACH', 'hr:a:REACH'], 'each controls the other; both reach the pair, and the walk ends');
  });
});
