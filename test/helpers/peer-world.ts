import { PeerSnapshot, type Decision, type PeerIdentity } from '../../src/peers/snapshot';
import { writeBundle } from './write-bundle';

/**
 * A small organisation described once and used two ways: as a PeerSnapshot for the pure tests of
 * src/peers, and as an identity bundle (one account per identity on one system, one grant per
 * holding, the decisions file) for the tests that go through ingest, the store and GraphQL.
 */
export interface WorldIdentity {
  id: string;
  kind?: PeerIdentity['kind'];
  status?: PeerIdentity['status'];
  department?: string;
  title?: string;
  managerId?: string;
  ownerId?: string;
  purpose?: string;
  attributes?: Record<string, string>;
  holds?: string[];
}

export interface World {
  identities: WorldIdentity[];
  decisions?: Array<{ identityId: string; entitlementId: string; outcome: 'approved' | 'denied'; kind?: 'request' | 'review'; decidedAt?: string }>;
}

const displayName = (id: string) => id.replace(/^[a-z]+:/, '').replace(/^./, (c) => c.toUpperCase());

function entitlementsOf(world: World): string[] {
  return [...new Set([...world.identities.flatMap((i) => i.holds ?? []), ...(world.decisions ?? []).map((d) => d.entitlementId)])].sort();
}

export function toSnapshot(world: World): PeerSnapshot {
  return new PeerSnapshot({
    identities: world.identities.map((i) => ({
      id: i.id,
      kind: i.kind ?? 'human',
      displayName: displayName(i.id),
      status: i.status ?? 'active',
      department: i.department ?? null,
      title: i.title ?? null,
      managerId: i.managerId ?? null,
      ownerId: i.ownerId ?? null,
      purpose: i.purpose ?? null,
      attributes: i.attributes ?? {},
    })),
    holdings: world.identities.flatMap((i) => (i.holds ?? []).map((e) => ({ identityId: i.id, entitlementId: e, lastUsedAt: null, useCount: 0 }))),
    decisions: (world.decisions ?? []).map((d): { identityId: string; entitlementId: string } & Decision => ({
      identityId: d.identityId,
      entitlementId: d.entitlementId,
      outcome: d.outcome,
      kind: d.kind ?? 'request',
      decidedAt: d.decidedAt ?? null,
      decidedBy: null,
      reason: null,
    })),
    entitlements: entitlementsOf(world).map((id) => ({ id, name: id, systemId: 'app', privileged: false })),
  });
}

/** The same world as a bundle folder, for ingest (source `world`, full mode). */
export function toBundle(world: World, extra: Record<string, unknown[] | object | string> = {}): string {
  const withAccount = world.identities;
  return writeBundle({
    'source.json': { source: 'world', mode: 'full', exportedAt: '2026-01-01T00:00:00Z' },
    identities: world.identities.map((i) => ({
      id: i.id,
      kind: i.kind ?? 'human',
      displayName: displayName(i.id),
      status: i.status ?? 'active',
      ...(i.department ? { department: i.department } : {}),
      ...(i.title ? { title: i.title } : {}),
      ...(i.managerId ? { managerId: i.managerId } : {}),
      ...(i.ownerId ? { ownerId: i.ownerId } : {}),
      ...(i.purpose ? { purpose: i.purpose } : {}),
      ...(i.attributes ? { attributes: i.attributes } : {}),
    })),
    systems: [{ id: 'app', name: 'App' }],
    accounts: withAccount.map((i) => ({ id: `app:${i.id}`, systemId: 'app', identityId: i.id, status: 'enabled' })),
    entitlements: entitlementsOf(world).map((id) => ({ id, systemId: 'app', name: id })),
    grants: world.identities.flatMap((i) => (i.holds ?? []).map((e) => ({ holderId: `app:${i.id}`, holderType: 'account', entitlementId: e }))),
    ...(world.decisions?.length ? { decisions: world.decisions } : {}),
    ...extra,
  });
}

/**
 * Finance AP clerks fin1-fin5 (fin1-fin4 report to mgrA, fin5 to mgrB), a Controller (fin6), two
 * managers, a departed clerk who still holds everything, three engineers; and agents a1-a4 plus a
 * service s1 with tool sets, purposes and owners. Coverage numbers in the tests are counted from this.
 */
export function financeWorld(): World {
  const clerk = (id: string, managerId: string, holds: string[], attributes: Record<string, string>): WorldIdentity => ({
    id, department: 'Finance', title: 'AP Clerk', managerId, holds: ['okta:app', ...holds], attributes,
  });
  return {
    identities: [
      { id: 'mgrA', department: 'Finance', title: 'AP Supervisor', holds: ['okta:app', 'sap:view', 'sap:approve'] },
      { id: 'mgrB', department: 'Finance', title: 'Finance Director', holds: ['okta:app', 'sap:view'] },
      { id: 'mgrE', department: 'Engineering', title: 'Engineering Manager', attributes: { team: 'Platform' }, holds: ['okta:app', 'gh:repo'] },
      clerk('fin1', 'mgrA', ['sap:view', 'sap:pay'], { costCenter: 'CC1', location: 'Berlin' }),
      clerk('fin2', 'mgrA', ['sap:view', 'sap:post', 'wd:extra'], { costCenter: 'CC1', location: 'Berlin' }),
      clerk('fin3', 'mgrA', ['sap:view', 'sap:post'], { costCenter: 'CC1', location: 'Paris' }),
      clerk('fin4', 'mgrA', ['sap:view', 'sap:post'], { costCenter: 'CC2', location: 'Paris' }),
      clerk('fin5', 'mgrB', ['sap:view'], { costCenter: 'CC2', location: 'Paris' }),
      { id: 'fin6', department: 'Finance', title: 'Controller', managerId: 'mgrB', holds: ['okta:app', 'sap:view', 'sap:close'] },
      { id: 'gone', department: 'Finance', title: 'AP Clerk', managerId: 'mgrA', status: 'terminated', holds: ['okta:app', 'sap:pay', 'sap:view'] },
      { id: 'eng1', department: 'Engineering', title: 'Engineer', managerId: 'mgrE', attributes: { team: 'Platform' }, holds: ['okta:app', 'gh:repo'] },
      { id: 'eng2', department: 'Engineering', title: 'Engineer', managerId: 'mgrE', attributes: { team: 'Data' }, holds: ['okta:app', 'gh:repo'] },
      { id: 'eng3', department: 'Engineering', title: 'Engineer', managerId: 'mgrE', attributes: { team: 'Platform' }, holds: ['okta:app', 'gh:repo'] },
      {
        id: 'a1', kind: 'agent', ownerId: 'eng1', purpose: 'Triages support tickets and drafts replies',
        attributes: { toolset: 'ts-support' }, holds: ['tool:ticket.read', 'tool:payments.approve'],
      },
      { id: 'a2', kind: 'agent', ownerId: 'eng2', purpose: 'Triages inbound support tickets', attributes: { toolset: 'ts-support' }, holds: ['tool:ticket.read'] },
      { id: 'a3', kind: 'agent', ownerId: 'fin1', purpose: 'Drafts marketing blog posts', attributes: { toolset: 'ts-support' }, holds: ['tool:ticket.read'] },
      {
        id: 'a4', kind: 'agent', ownerId: 'eng3', purpose: 'Triages support tickets and drafts replies quickly',
        attributes: { toolset: 'ts-sre' }, holds: ['tool:ticket.read', 'tool:shell.exec'],
      },
      { id: 's1', kind: 'service', ownerId: 'eng1', purpose: 'Triages support tickets and drafts replies', holds: ['tool:ticket.read', 'tool:payments.approve'] },
    ],
  };
}
