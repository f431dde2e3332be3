import { writeBundle } from './write-bundle';

const PAST = '2020-01-01T00:00:00Z';
const FUTURE = '2099-01-01T00:00:00Z';

/**
 * A small ERP where each person shows one way of holding both "create vendor" and "approve payment"
 * (or of almost holding them). Written as a real bundle and ingested through the normal path.
 */
export function sodWorld(): string {
  const person = (id: string, name: string, department = 'Finance') => ({ id: `hr:${id}`, kind: 'human', displayName: name, department, status: 'active' });
  const account = (id: string, owner: string, status = 'enabled') => ({ id: `erp:${id}`, systemId: 'erp', identityId: owner, username: id.toUpperCase(), status });
  const groups = new Set(['erp:g-ap-sup', 'erp:g1', 'erp:g2', 'erp:g3']);
  const typeOf = (id: string) => (groups.has(id) ? 'group' : 'account');
  const member = (memberId: string, groupId: string, expiresAt?: string) => ({ memberId, memberType: typeOf(memberId), groupId, ...(expiresAt ? { expiresAt } : {}) });
  const grant = (holderId: string, entitlementId: string) => ({ holderId, holderType: typeOf(holderId), entitlementId });
  return writeBundle({
    'source.json': { source: 'sod-world', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' },
    identities: [
      person('alice', 'Alice (direct, one role)'),
      person('bob', 'Bob (nested three deep)'),
      person('carol', 'Carol (through her agent)'),
      person('dave', 'Dave (through his service)', 'Treasury'),
      person('erin', 'Erin (expired membership)'),
      person('frank', 'Frank (disabled account)'),
      person('gina', 'Gina (mitigated)'),
      person('hank', 'Hank (expired mitigation)'),
      person('ivan', 'Ivan (agent chain)', 'Engineering'),
      person('jane', 'Jane (creates vendors only)'),
      // Carol controls the bot only by delegating to it (scope unrelated to the pair); Dave only by owning his service.
      { id: 'agent:pay-bot', kind: 'agent', displayName: 'Pay Bot', status: 'active' },
      { id: 'svc:payments', kind: 'service', displayName: 'Payments service', ownerId: 'hr:dave', status: 'active' },
      { id: 'agent:a1', kind: 'agent', displayName: 'Planner agent', ownerId: 'hr:ivan', status: 'active' },
      { id: 'agent:a2', kind: 'agent', displayName: 'Executor sub-agent', status: 'active' },
      { id: 'agent:jane-helper', kind: 'agent', displayName: "Jane's helper", status: 'active' },
    ],
    systems: [{ id: 'erp', name: 'ERP', criticality: 'critical' }],
    accounts: [
      account('alice', 'hr:alice'), account('bob', 'hr:bob'), account('carol', 'hr:carol'), account('dave', 'hr:dave'),
      account('erin', 'hr:erin'), account('frank', 'hr:frank', 'disabled'), account('gina', 'hr:gina'), account('hank', 'hr:hank'),
      account('ivan', 'hr:ivan'), account('jane', 'hr:jane'), account('paybot', 'agent:pay-bot'), account('svc', 'svc:payments'),
      account('a2', 'agent:a2'),
    ],
    groups: [
      { id: 'erp:g-ap-sup', systemId: 'erp', name: 'AP Supervisor', kind: 'role' },
      { id: 'erp:g1', systemId: 'erp', name: 'Level 1', kind: 'group' },
      { id: 'erp:g2', systemId: 'erp', name: 'Level 2', kind: 'group' },
      { id: 'erp:g3', systemId: 'erp', name: 'Payment approvers', kind: 'role' },
    ],
    entitlements: [
      { id: 'erp:create_vendor', systemId: 'erp', name: 'create_vendor', kind: 'permission', privileged: true, sensitivity: 'high' },
      { id: 'erp:approve_payment', systemId: 'erp', name: 'approve_payment', kind: 'permission', privileged: true, sensitivity: 'critical' },
      { id: 'erp:view_ledger', systemId: 'erp', name: 'view_ledger', kind: 'permission' },
    ],
    memberships: [
      member('erp:alice', 'erp:g-ap-sup'),
      member('erp:bob', 'erp:g1'), member('erp:g1', 'erp:g2'), member('erp:g2', 'erp:g3'),
      member('erp:erin', 'erp:g-ap-sup', PAST),
      member('erp:frank', 'erp:g-ap-sup'),
      member('erp:gina', 'erp:g-ap-sup'),
      member('erp:hank', 'erp:g-ap-sup', FUTURE),
    ],
    grants: [
      grant('erp:g-ap-sup', 'erp:create_vendor'), grant('erp:g-ap-sup', 'erp:approve_payment'),
      grant('erp:g3', 'erp:approve_payment'), grant('erp:bob', 'erp:create_vendor'),
      grant('erp:carol', 'erp:create_vendor'), grant('erp:paybot', 'erp:approve_payment'),
      grant('erp:dave', 'erp:create_vendor'), grant('erp:svc', 'erp:approve_payment'),
      grant('erp:ivan', 'erp:create_vendor'), grant('erp:a2', 'erp:approve_payment'),
      grant('erp:jane', 'erp:create_vendor'),
    ],
    delegations: [
      { fromId: 'hr:carol', toId: 'agent:pay-bot', scope: ['erp:view_ledger'] },
      { fromId: 'agent:a1', toId: 'agent:a2', scope: ['*'] },
      { fromId: 'hr:jane', toId: 'agent:jane-helper', scope: ['*'] },
    ],
  });
}

export const SOD_RULES = `version: 2026.11
rules:
  - id: P2P-01
    name: Create vendor and approve payment
    severity: critical
    description: Whoever creates a vendor must not approve payments to it
    left:
      - system: erp
        name: create_*
    right: [erp:approve_payment]
    mitigations:
      - { identity: hr:gina, reason: Sole finance person in the branch, approver: hr:cfo }
      - { identity: hr:hank, reason: Quarter-end cover, approver: hr:cfo, expiry: "${PAST}" }
  - id: LEDGER-01
    name: View ledger and approve payment
    severity: low
    left: erp:view_ledger
    right: { privileged: true, sensitivity: critical }
`;
