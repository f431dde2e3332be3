import { writeBundle } from './write-bundle';

/**
 * A small company where each risk finding type has one case that must fire and a near miss that must
 * not (the names say which). Times are relative to `now`, so the same world serves tests with a pinned
 * clock and the HTTP tests on the real one; every near miss is at least a day away from its threshold
 * (defaults: 90 days dormant / unused, credentials 365 days old or 90 days unrotated, chains of 2 hops).
 */
export const RISK_RULES = `version: 1
rules:
  - id: ERP-P2P
    name: Create vendors and approve payments
    severity: critical
    left: [erp:create_vendor]
    right: [erp:approve]
    mitigations:
      - { identity: hr:mitch, reason: Sole finance person in the branch, approver: hr:alice }
`;

export function riskWorld(now: Date = new Date()): string {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const ahead = (days: number) => ago(-days);
  const human = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
    id: `hr:${id}`, kind: 'human', displayName: name, department: 'Finance', title: 'Clerk', status: 'active', email: `${id}@acme.example`, ...extra,
  });
  const nhi = (id: string, kind: 'service' | 'agent', ownerId?: string, extra: Record<string, unknown> = {}) => ({
    id, kind, displayName: id, status: 'active', ...(ownerId ? { ownerId } : {}), ...extra,
  });
  const account = (id: string, systemId: string, identityId: string | null, status = 'enabled', lastLoginAt: string | null = ago(1), extra: Record<string, unknown> = {}) => ({
    id, systemId, ...(identityId ? { identityId } : {}), username: id.split(':')[1], status, createdAt: ago(700), ...(lastLoginAt ? { lastLoginAt } : {}), ...extra,
  });
  const clerks = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'oscar'];
  return writeBundle({
    'source.json': { source: 'risk-world', mode: 'full', exportedAt: now.toISOString() },
    identities: [
      human('alice', 'Alice (healthy, delegates)'),
      human('tom', 'Tom (left, accounts still on)', { status: 'terminated', terminatedAt: ago(30) }),
      human('tina', 'Tina (left, accounts off)', { status: 'terminated', terminatedAt: ago(30) }),
      human('sam', 'Sam (suspended)', { status: 'suspended' }),
      human('dora', 'Dora (dormant)'),
      human('dan', 'Dan (logged in 80 days ago)', { department: 'IT' }),
      human('nina', 'Nina (new, never logged in)'),
      human('uma', 'Uma (unused access)'),
      human('victor', 'Victor (both SoD sides)'),
      human('mitch', 'Mitch (both sides, mitigated)'),
      ...clerks.map((c) => human(c, `Clerk ${c}`)),
      nhi('svc:orphan', 'service'),
      nhi('svc:retired', 'service', undefined, { status: 'terminated' }),
      nhi('svc:billing', 'service', 'hr:alice'),
      nhi('agent:tom-bot', 'agent', 'hr:tom'),
      nhi('agent:sam-bot', 'agent', 'hr:sam'),
      nhi('agent:helper', 'agent', 'hr:alice'),
      nhi('agent:narrow', 'agent', 'hr:alice'),
      nhi('agent:sub1', 'agent', 'hr:alice'),
      nhi('agent:sub2', 'agent', 'hr:alice'),
    ],
    systems: [
      { id: 'erp', name: 'ERP', criticality: 'critical' },
      { id: 'wiki', name: 'Wiki', criticality: 'low' },
      { id: 'crm', name: 'CRM', criticality: 'medium' },
    ],
    accounts: [
      account('erp:alice', 'erp', 'hr:alice'),
      account('erp:ghost', 'erp', null, 'enabled', ago(3)),
      account('erp:ghost-off', 'erp', null, 'disabled'),
      { ...account('wiki:stranger', 'wiki', null), identityEmail: 'nobody@elsewhere.example' },
      { ...account('wiki:mailbot', 'wiki', null), identityEmail: 'ALICE@acme.example' },
      account('erp:tom', 'erp', 'hr:tom', 'enabled', ago(40)),
      account('wiki:tom', 'wiki', 'hr:tom', 'enabled', ago(5)),
      account('erp:tina', 'erp', 'hr:tina', 'disabled', ago(40)),
      account('erp:sam', 'erp', 'hr:sam'),
      account('erp:dora', 'erp', 'hr:dora', 'enabled', ago(120)),
      account('wiki:dora', 'wiki', 'hr:dora', 'enabled', null, { createdAt: ago(200) }),
      account('wiki:dan', 'wiki', 'hr:dan', 'enabled', ago(80)),
      account('wiki:nina', 'wiki', 'hr:nina', 'enabled', null, { createdAt: ago(10) }),
      account('erp:uma', 'erp', 'hr:uma'),
      account('crm:uma', 'crm', 'hr:uma'),
      account('erp:victor', 'erp', 'hr:victor'),
      account('erp:mitch', 'erp', 'hr:mitch'),
      account('erp:billing', 'erp', 'svc:billing'),
      ...clerks.map((c) => account(`erp:${c}`, 'erp', `hr:${c}`)),
      account('wiki:oscar', 'wiki', 'hr:oscar'),
    ],
    groups: [{ id: 'erp:clerks', systemId: 'erp', name: 'Clerks', kind: 'role' }],
    entitlements: [
      { id: 'erp:view', systemId: 'erp', name: 'view', kind: 'permission' },
      { id: 'erp:approve', systemId: 'erp', name: 'approve', kind: 'permission', privileged: true, sensitivity: 'critical' },
      { id: 'erp:create_vendor', systemId: 'erp', name: 'create_vendor', kind: 'permission', privileged: true },
      { id: 'wiki:read', systemId: 'wiki', name: 'read', kind: 'permission' },
      { id: 'wiki:admin', systemId: 'wiki', name: 'admin', kind: 'permission' },
      { id: 'crm:export', systemId: 'crm', name: 'export', kind: 'permission', privileged: true },
    ],
    memberships: clerks.map((c) => ({ memberId: `erp:${c}`, memberType: 'account', groupId: 'erp:clerks' })),
    grants: [
      { holderId: 'erp:clerks', holderType: 'group', entitlementId: 'erp:view' },
      { holderId: 'erp:alice', holderType: 'account', entitlementId: 'erp:view' },
      { holderId: 'erp:alice', holderType: 'account', entitlementId: 'erp:approve' },
      { holderId: 'erp:uma', holderType: 'account', entitlementId: 'erp:approve' },
      { holderId: 'erp:uma', holderType: 'account', entitlementId: 'erp:view' },
      { holderId: 'crm:uma', holderType: 'account', entitlementId: 'crm:export' },
      { holderId: 'wiki:dan', holderType: 'account', entitlementId: 'wiki:read' },
      { holderId: 'erp:victor', holderType: 'account', entitlementId: 'erp:create_vendor' },
      { holderId: 'erp:victor', holderType: 'account', entitlementId: 'erp:approve' },
      { holderId: 'erp:mitch', holderType: 'account', entitlementId: 'erp:create_vendor' },
      { holderId: 'erp:mitch', holderType: 'account', entitlementId: 'erp:approve' },
      { holderId: 'wiki:oscar', holderType: 'account', entitlementId: 'wiki:admin' },
    ],
    delegations: [
      { fromId: 'hr:alice', toId: 'agent:helper', scope: ['*'], grantedAt: ago(50) },
      { fromId: 'hr:alice', toId: 'agent:narrow', scope: ['erp:view'], grantedAt: ago(50), expiresAt: ahead(30) },
      { fromId: 'hr:dan', toId: 'agent:narrow', scope: ['erp:approve'], grantedAt: ago(20) },
      { fromId: 'hr:dan', toId: 'agent:helper', scope: ['erp:create_vendor'], grantedAt: ago(90), expiresAt: ago(3) },
      { fromId: 'agent:helper', toId: 'agent:sub1', scope: ['erp:view'], expiresAt: ahead(60) },
      { fromId: 'agent:sub1', toId: 'agent:sub2', scope: ['erp:view'], expiresAt: ahead(60) },
    ],
    credentials: [
      { id: 'cred:orphan-key', holderId: 'svc:orphan', holderType: 'identity', type: 'api_key', createdAt: ago(500) },
      { id: 'cred:billing-rotated', holderId: 'erp:billing', holderType: 'account', type: 'api_key', createdAt: ago(800), lastRotatedAt: ago(30), expiresAt: ahead(300) },
      { id: 'cred:billing-old-rotation', holderId: 'erp:billing', holderType: 'account', type: 'oauth_client', createdAt: ago(800), lastRotatedAt: ago(400), expiresAt: ahead(100) },
      { id: 'cred:billing-young', holderId: 'svc:billing', holderType: 'identity', type: 'token', createdAt: ago(60), expiresAt: ahead(200) },
      { id: 'cred:billing-expired', holderId: 'svc:billing', holderType: 'identity', type: 'api_key', createdAt: ago(1000), expiresAt: ago(5) },
      { id: 'cred:alice-password', holderId: 'hr:alice', holderType: 'identity', type: 'password', createdAt: ago(1000) },
      { id: 'cred:ghost-key', holderId: 'erp:ghost', holderType: 'account', type: 'ssh_key', createdAt: ago(30) },
    ],
    usage: [
      { accountId: 'erp:alice', entitlementId: 'erp:approve', at: ago(5) },
      { accountId: 'erp:alice', entitlementId: 'erp:view', at: ago(89) },
      { accountId: 'erp:uma', entitlementId: 'erp:approve', at: ago(100) },
      { accountId: 'wiki:dan', entitlementId: 'wiki:read', at: ago(2) },
      ...clerks.map((c) => ({ accountId: `erp:${c}`, entitlementId: 'erp:view', at: ago(1) })),
      { accountId: 'wiki:oscar', entitlementId: 'wiki:admin', at: ago(1) },
      { accountId: 'erp:victor', entitlementId: 'erp:approve', at: ago(1) },
      { accountId: 'erp:victor', entitlementId: 'erp:create_vendor', at: ago(1) },
      { accountId: 'erp:mitch', entitlementId: 'erp:approve', at: ago(1) },
      { accountId: 'erp:mitch', entitlementId: 'erp:create_vendor', at: ago(1) },
    ],
  });
}
