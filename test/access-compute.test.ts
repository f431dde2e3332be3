import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeEffectiveAccess, type AccessGraphInput } from '../src/access/compute-access';
import { hops } from './helpers/graph-queries';

const NOW = '2026-11-23T00:00:00.000Z';
const PAST = '2026-01-01T00:00:00.000Z';
const FUTURE = '2030-01-01T00:00:00.000Z';

function graph(partial: Partial<AccessGraphInput>): AccessGraphInput {
  return { ownedAccounts: [], accountMemberships: [], groupMemberships: [], accountGrants: [], groupGrants: [], delegations: [], ...partial };
}
const edge = (from: string, to: string, expiresAt: string | null = null) => ({ from, to, expiresAt });
const run = (g: AccessGraphInput, maxPathsPerGrant = 8) => computeEffectiveAccess(g, { now: NOW, maxPathsPerGrant });
const pairs = (grants: ReturnType<typeof run>) => grants.map((g) => `${g.identityId} ${g.entitlementId}`).sort();

describe('effective access (spec: Meaning)', () => {
  it('follows nested groups to their grants, with the path hop by hop', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'alice', accountId: 'acc' }],
        accountMemberships: [edge('acc', 'team')],
        groupMemberships: [edge('team', 'dept'), edge('dept', 'all')],
        groupGrants: [edge('all', 'wiki'), edge('team', 'deploy')],
      }),
    );
    assert.deepEqual(pairs(grants), ['alice deploy', 'alice wiki']);
    const wiki = grants.find((g) => g.entitlementId === 'wiki')!;
    assert.deepEqual(hops(wiki.paths[0]), [
      '>identity:alice', 'OWNS>account:acc', 'MEMBER_OF>group:team', 'MEMBER_OF>group:dept', 'MEMBER_OF>group:all', 'GRANTS>entitlement:wiki',
    ]);
    assert.equal(wiki.viaDelegation, false);
    assert.equal(wiki.activeUntil, null);
  });

  it('gives direct account grants', () => {
    const grants = run(graph({ ownedAccounts: [{ identityId: 'a', accountId: 'x' }], accountGrants: [edge('x', 'e')] }));
    assert.deepEqual(hops(grants[0].paths[0]), ['>identity:a', 'OWNS>account:x', 'GRANTS>entitlement:e']);
  });

  it('ignores expired memberships, grants and delegations, and records when the rest expire', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'a', accountId: 'x' }, { identityId: 'b', accountId: 'y' }],
        accountMemberships: [edge('x', 'g1', PAST), edge('x', 'g2', FUTURE)],
        groupGrants: [edge('g1', 'old'), edge('g2', 'soon'), edge('g2', 'stale', PAST)],
        accountGrants: [edge('y', 'direct')],
        delegations: [{ ...edge('b', 'a', PAST), scope: ['*'] }],
      }),
    );
    assert.deepEqual(pairs(grants), ['a soon', 'b direct']);
    assert.equal(grants.find((g) => g.entitlementId === 'soon')!.activeUntil, FUTURE);
  });

  it('keeps the grant alive while any path is permanent', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'a', accountId: 'x' }],
        accountMemberships: [edge('x', 'g1', FUTURE), edge('x', 'g2')],
        groupGrants: [edge('g1', 'e'), edge('g2', 'e')],
      }),
    );
    assert.equal(grants.length, 1);
    assert.equal(grants[0].paths.length, 2);
    assert.equal(grants[0].activeUntil, null);
  });

  it('stops at nesting cycles without looping', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'a', accountId: 'x' }],
        accountMemberships: [edge('x', 'g1')],
        groupMemberships: [edge('g1', 'g2'), edge('g2', 'g3'), edge('g3', 'g1')],
        groupGrants: [edge('g3', 'e')],
      }),
    );
    assert.deepEqual(pairs(grants), ['a e']);
    assert.deepEqual(hops(grants[0].paths[0]).slice(2), ['MEMBER_OF>group:g1', 'MEMBER_OF>group:g2', 'MEMBER_OF>group:g3', 'GRANTS>entitlement:e']);
  });

  it('narrows delegated access to the scope at every hop of a chain', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'user', accountId: 'u' }, { identityId: 'agent', accountId: 'ag' }],
        accountGrants: [edge('u', 'read'), edge('u', 'pay'), edge('u', 'admin'), edge('ag', 'tool')],
        delegations: [
          { ...edge('user', 'agent'), scope: ['read', 'pay'] },
          { ...edge('agent', 'sub'), scope: ['pay', 'tool', 'admin'] },
          { ...edge('sub', 'leaf'), scope: ['*'] },
        ],
      }),
    );
    assert.deepEqual(pairs(grants), [
      'agent pay', 'agent read', 'agent tool', 'leaf pay', 'leaf tool', 'sub pay', 'sub tool', 'user admin', 'user pay', 'user read',
    ]);
    const leafPay = grants.find((g) => g.identityId === 'leaf' && g.entitlementId === 'pay')!;
    assert.equal(leafPay.viaDelegation, true);
    assert.deepEqual(hops(leafPay.paths[0]), [
      '>identity:leaf', 'DELEGATES_TO>identity:sub', 'DELEGATES_TO>identity:agent', 'DELEGATES_TO>identity:user', 'OWNS>account:u', 'GRANTS>entitlement:pay',
    ]);
    assert.equal(grants.find((g) => g.identityId === 'agent' && g.entitlementId === 'tool')!.viaDelegation, false);
  });

  it('survives delegation cycles and never routes a path through the same identity twice', () => {
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'a', accountId: 'x' }],
        accountGrants: [edge('x', 'e')],
        delegations: [{ ...edge('a', 'b'), scope: ['*'] }, { ...edge('b', 'c'), scope: ['*'] }, { ...edge('c', 'a'), scope: ['*'] }],
      }),
    );
    assert.deepEqual(pairs(grants), ['a e', 'b e', 'c e']);
    const mine = grants.find((g) => g.identityId === 'a')!;
    assert.equal(mine.paths.length, 1, 'a holds e directly; the cycle back through c adds no path');
    for (const g of grants) for (const p of g.paths) assert.equal(new Set(p.map((h) => `${h.k}:${h.id}`)).size, p.length);
  });

  it('gives nothing through an identity with no enabled accounts (disabled accounts are not in the input)', () => {
    const grants = run(graph({ accountGrants: [edge('disabled-acc', 'e')], delegations: [{ ...edge('a', 'b'), scope: ['*'] }] }));
    assert.deepEqual(grants, []);
  });

  it('keeps at most maxPathsPerGrant paths, shortest first', () => {
    const groups = Array.from({ length: 20 }, (_, i) => `g${i}`);
    const grants = run(
      graph({
        ownedAccounts: [{ identityId: 'a', accountId: 'x' }],
        accountMemberships: [...groups.map((g) => edge('x', g)), edge('x', 'deep')],
        groupMemberships: [edge('deep', 'g0')],
        groupGrants: groups.map((g) => edge(g, 'e')),
      }),
      3,
    );
    assert.equal(grants[0].paths.length, 3);
    assert.ok(grants[0].paths.every((p) => p.length === 4));
  });

  it('computes a wide graph (5000 identities, 100 teams, 10 departments)', () => {
    const ownedAccounts = Array.from({ length: 5000 }, (_, i) => ({ identityId: `i${i}`, accountId: `a${i}` }));
    const accountMemberships = ownedAccounts.map((o, i) => edge(o.accountId, `team${i % 100}`));
    const groupMemberships = Array.from({ length: 100 }, (_, i) => edge(`team${i}`, `dept${i % 10}`));
    const groupGrants = Array.from({ length: 10 }, (_, i) => edge(`dept${i}`, `e${i}`));
    const grants = run(graph({ ownedAccounts, accountMemberships, groupMemberships, groupGrants }));
    assert.equal(grants.length, 5000);
  });
});
