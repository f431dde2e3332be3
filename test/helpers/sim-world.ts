import fc from 'fast-check';
import type { AccessGraphInput } from '../../src/access/compute-access';
import { AccessModel, type GraphFacts } from '../../src/simulate/access-model';
import type { Change } from '../../src/simulate/changes';

/**
 * Small random enterprises as bundle records, random change sets over them, and the oracle: the
 * same changes applied to the source records, as a person editing the export would. The simulator
 * is right when its deltas equal the difference re-ingesting the edited records makes.
 */
export const PAST = '2020-01-01T00:00:00.000Z';
export const FUTURE = '2099-01-01T00:00:00.000Z';

type Rec = Record<string, any>;
export interface World {
  identities: Rec[];
  accounts: Rec[];
  groups: Rec[];
  entitlements: Rec[];
  memberships: Rec[];
  grants: Rec[];
  delegations: Rec[];
}

const expiry = fc.constantFrom<string | undefined>(undefined, undefined, undefined, PAST, FUTURE);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    humans: fc.integer({ min: 2, max: 6 }),
    agents: fc.integer({ min: 0, max: 3 }),
    groups: fc.integer({ min: 1, max: 5 }),
    entitlements: fc.integer({ min: 2, max: 5 }),
  })
  .chain((size) => {
    const people = [...Array.from({ length: size.humans }, (_, i) => `hr:h${i}`), ...Array.from({ length: size.agents }, (_, i) => `agent:a${i}`)];
    const groups = Array.from({ length: size.groups }, (_, i) => `app:g${i}`);
    const ents = Array.from({ length: size.entitlements }, (_, i) => `app:e${i}`);
    const accountArb = fc.record({ owner: fc.option(pick(people), { freq: 6 }), enabled: fc.integer({ min: 0, max: 3 }).map((k) => k > 0) });
    return fc.array(accountArb, { minLength: 1, maxLength: people.length + 3 }).chain((accs) => {
      const accounts = accs.map((a, i) => ({ id: `app:acc${i}`, systemId: 'app', ...(a.owner ? { identityId: a.owner } : {}), username: `acc${i}`, status: a.enabled ? 'enabled' : 'disabled' }));
      const holders = [...accounts.map((a) => a.id), ...groups];
      const typeOf = (id: string) => (groups.includes(id) ? 'group' : 'account');
      const edge = <T>(from: readonly string[], to: readonly string[], make: (f: string, t: string, x: string | undefined) => T) =>
        fc.uniqueArray(fc.tuple(pick(from), pick(to), expiry), { maxLength: 10, selector: ([f, t]) => `${f}|${t}` }).map((es) => es.map(([f, t, x]) => make(f, t, x)));
      return fc.record({
        memberships: edge(holders, groups, (f, t, x) => ({ memberId: f, memberType: typeOf(f), groupId: t, ...(x ? { expiresAt: x } : {}) })).map((ms) =>
          ms.filter((m) => m.memberId !== m.groupId),
        ),
        grants: edge(holders, ents, (f, t, x) => ({ holderId: f, holderType: typeOf(f), entitlementId: t, ...(x ? { expiresAt: x } : {}) })),
        delegations: fc
          .uniqueArray(fc.tuple(pick(people), pick(people), fc.option(fc.subarray(ents, { minLength: 1 }), { freq: 2 }), expiry), {
            maxLength: 5,
            selector: ([f, t]) => `${f}|${t}`,
          })
          .map((ds) => ds.filter(([f, t]) => f !== t).map(([f, t, scope, x]) => ({ fromId: f, toId: t, scope: scope ?? ['*'], ...(x ? { expiresAt: x } : {}) }))),
      }).map((edges) => ({
        identities: people.map((id) => ({ id, kind: id.startsWith('agent:') ? 'agent' : 'human', displayName: id, status: 'active', department: 'Finance' })),
        accounts,
        groups: groups.map((id) => ({ id, systemId: 'app', name: id })),
        entitlements: ents.map((id) => ({ id, systemId: 'app', name: id, privileged: true })),
        ...edges,
      }));
    });
  });

/** One to four changes naming things in the world, sometimes something that does not exist. */
export function changesArb(w: World): fc.Arbitrary<Change[]> {
  const ids = (rs: Rec[]) => rs.map((r) => r.id as string);
  const orUnknown = (xs: string[]) => fc.oneof({ weight: 9, arbitrary: pick(xs) }, { weight: 1, arbitrary: fc.constant('nope:missing') });
  const holders = [...ids(w.accounts), ...ids(w.groups)];
  const people = ids(w.identities);
  const ents = ids(w.entitlements);
  const x = fc.constantFrom<string | undefined>(undefined, undefined, FUTURE);
  const scope = fc.oneof(fc.constant(['*']), fc.subarray(ents, { minLength: 1 }));
  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.record({ op: fc.constant('ADD_MEMBERSHIP' as const), memberId: orUnknown(holders), groupId: orUnknown(ids(w.groups)), expiresAt: x }, { requiredKeys: ['op', 'memberId', 'groupId'] }),
    fc.record({ op: fc.constant('REMOVE_MEMBERSHIP' as const), memberId: orUnknown(holders), groupId: pick(ids(w.groups)) }),
    ...(w.memberships.length ? [pick(w.memberships).map((m) => ({ op: 'REMOVE_MEMBERSHIP' as const, memberId: m.memberId, groupId: m.groupId }))] : []),
    fc.record({ op: fc.constant('ADD_GRANT' as const), holderId: orUnknown(holders), entitlementId: orUnknown(ents), expiresAt: x }, { requiredKeys: ['op', 'holderId', 'entitlementId'] }),
    ...(w.grants.length ? [pick(w.grants).map((g) => ({ op: 'REMOVE_GRANT' as const, holderId: g.holderId, entitlementId: g.entitlementId }))] : []),
    fc.record({ op: fc.constantFrom('DISABLE_ACCOUNT' as const, 'ENABLE_ACCOUNT' as const), accountId: orUnknown(ids(w.accounts)) }),
    fc.record({ op: fc.constant('ADD_DELEGATION' as const), fromId: orUnknown(people), toId: pick(people), scope, expiresAt: x }, { requiredKeys: ['op', 'fromId', 'toId', 'scope'] }),
    ...(w.delegations.length
      ? [fc.tuple(pick(w.delegations), fc.option(fc.subarray(ents, { minLength: 1 }))).map(([d, s]) => ({ op: 'REVOKE_DELEGATION' as const, fromId: d.fromId, toId: d.toId, ...(s ? { scope: s } : {}) }))]
      : []),
    fc.record({ op: fc.constant('TERMINATE_IDENTITY' as const), identityId: orUnknown(people) }),
  ) as fc.Arbitrary<Change>;
  return fc.array(change, { minLength: 1, maxLength: 4 });
}

const live = (r: Rec, now: string) => !r.expiresAt || r.expiresAt > now;

/** The oracle: the changes as edits to the source records, in order. Changes naming unknown ids edit nothing. */
export function applyToWorld(world: World, changes: Change[], now: string): World {
  const w: World = JSON.parse(JSON.stringify(world));
  const has = (rs: Rec[], id: string) => rs.some((r) => r.id === id);
  const typeOf = (id: string) => (has(w.groups, id) ? 'group' : has(w.accounts, id) ? 'account' : null);
  for (const c of changes) {
    if (c.op === 'ADD_MEMBERSHIP' || c.op === 'REMOVE_MEMBERSHIP') {
      const t = typeOf(c.memberId);
      if (!t || !has(w.groups, c.groupId) || c.memberId === c.groupId) continue;
      w.memberships = w.memberships.filter((m) => !(m.memberId === c.memberId && m.groupId === c.groupId));
      if (c.op === 'ADD_MEMBERSHIP') w.memberships.push({ memberId: c.memberId, memberType: t, groupId: c.groupId, ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}) });
    } else if (c.op === 'ADD_GRANT' || c.op === 'REMOVE_GRANT') {
      const t = typeOf(c.holderId);
      if (!t || !has(w.entitlements, c.entitlementId)) continue;
      w.grants = w.grants.filter((g) => !(g.holderId === c.holderId && g.entitlementId === c.entitlementId));
      if (c.op === 'ADD_GRANT') w.grants.push({ holderId: c.holderId, holderType: t, entitlementId: c.entitlementId, ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}) });
    } else if (c.op === 'DISABLE_ACCOUNT' || c.op === 'ENABLE_ACCOUNT') {
      const a = w.accounts.find((r) => r.id === c.accountId);
      if (a) a.status = c.op === 'DISABLE_ACCOUNT' ? 'disabled' : 'enabled';
    } else if (c.op === 'ADD_DELEGATION' || c.op === 'REVOKE_DELEGATION') {
      if (!has(w.identities, c.fromId) || !has(w.identities, c.toId) || c.fromId === c.toId) continue;
      const i = w.delegations.findIndex((d) => d.fromId === c.fromId && d.toId === c.toId);
      const d = i >= 0 ? w.delegations[i] : null;
      if (c.op === 'ADD_DELEGATION') {
        const wanted: string[] = c.scope.includes('*') ? ['*'] : c.scope;
        const next =
          d && live(d, now)
            ? { ...d, scope: d.scope.includes('*') || wanted.includes('*') ? ['*'] : [...new Set([...d.scope, ...wanted])], ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}) }
            : { fromId: c.fromId, toId: c.toId, scope: wanted, ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}) };
        if (i >= 0) w.delegations[i] = next;
        else w.delegations.push(next);
      } else if (d) {
        if (!c.scope?.length || c.scope.includes('*')) w.delegations.splice(i, 1);
        else if (!d.scope.includes('*')) {
          d.scope = d.scope.filter((e: string) => !c.scope!.includes(e));
          if (!d.scope.length) w.delegations.splice(i, 1);
        }
      }
    } else if (c.op === 'TERMINATE_IDENTITY') {
      const p = w.identities.find((r) => r.id === c.identityId);
      if (!p) continue;
      p.status = 'terminated';
      for (const a of w.accounts) if (a.identityId === p.id) a.status = 'disabled';
      w.delegations = w.delegations.filter((d) => d.fromId !== p.id && d.toId !== p.id);
    }
  }
  return w;
}

export function bundleOf(w: World): Record<string, object> {
  return { 'source.json': { source: 'sim-world', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' }, systems: [{ id: 'app', name: 'App' }], ...w };
}

const edge = (from: string, to: string, x?: string) => ({ from, to, expiresAt: x ?? null });

/** The access graph the ingest would read back from the world (for pure, database-free checks). */
export function accessInputOf(w: World): AccessGraphInput {
  const enabled = w.accounts.filter((a) => a.identityId && a.status === 'enabled');
  return {
    ownedAccounts: enabled.map((a) => ({ identityId: a.identityId, accountId: a.id })),
    accountMemberships: w.memberships.filter((m) => m.memberType === 'account').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
    groupMemberships: w.memberships.filter((m) => m.memberType === 'group').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
    accountGrants: w.grants.filter((g) => g.holderType === 'account').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
    groupGrants: w.grants.filter((g) => g.holderType === 'group').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
    delegations: w.delegations.map((d) => ({ ...edge(d.fromId, d.toId, d.expiresAt), scope: d.scope })),
  };
}

/** The simulator's in-memory model of the world, built without a database. */
export function modelOf(w: World, graphVersion = 'pure'): AccessModel {
  const facts: GraphFacts = {
    identities: new Map(w.identities.map((i) => [i.id, { kind: i.kind, status: i.status, name: i.displayName, ownerId: null, department: i.department }])),
    accounts: new Map(w.accounts.map((a) => [a.id, { ownerId: a.identityId ?? null, status: a.status, systemId: a.systemId, name: a.username }])),
    groups: new Map(w.groups.map((g) => [g.id, { name: g.name, systemId: g.systemId }])),
    entitlements: new Map(w.entitlements.map((e) => [e.id, { name: e.name, systemId: e.systemId, privileged: true }])),
    systems: new Map([['app', 'App']]),
    usage: new Map(),
  };
  return new AccessModel(graphVersion, facts, accessInputOf(w));
}
