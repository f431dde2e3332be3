import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backOffChain, choosePeerGroup } from '../src/peers/backoff';
import { peerBaseline, type BaselineOptions } from '../src/peers/baseline';
import { informativeFacets } from '../src/peers/facets';
import { PeerIndex } from '../src/peers/groups';
import { purposeSimilarity, purposeWords } from '../src/peers/purpose';
import { financeWorld, toSnapshot } from './helpers/peer-world';

/** Peer baselines on a hand-counted organisation (test/helpers/peer-world.ts): no database. */
const index = () => new PeerIndex(toSnapshot(financeWorld()));
const options = (o: Partial<BaselineOptions> = {}): BaselineOptions => ({ by: 'AUTO', attributes: [], minPeers: 5, outlierBelow: 0.1, commonAbove: 0.75, ...o });
const row = (b: ReturnType<typeof peerBaseline>, e: string) => b.entitlements.find((r) => r.entitlementId === e);
const peersOf = (b: ReturnType<typeof peerBaseline>) => [...b.chosen.group.peers()].sort();

describe('peer baseline: coverage and thresholds', () => {
  const ix = index();
  const fin1 = ix.snapshot.identity('fin1')!;
  const b = peerBaseline(ix, fin1, options({ by: 'DEPARTMENT_TITLE', minPeers: 4 }));

  it('peers are the other active clerks: never the identity itself, never the departed one', () => {
    assert.equal(b.chosen.group.grouping, 'DEPARTMENT_TITLE');
    assert.deepEqual(peersOf(b), ['fin2', 'fin3', 'fin4', 'fin5']);
    assert.equal(b.chosen.group.peerCount, 4);
    assert.deepEqual(b.chosen.group.facets, [{ facet: 'department', value: 'Finance' }, { facet: 'title', value: 'AP Clerk' }]);
  });

  it('coverage is exact: holders among peers over peers', () => {
    assert.deepEqual(
      b.entitlements.map((r) => [r.entitlementId, r.peersHolding, r.coverage]),
      [
        ['sap:pay', 0, 0], // outlier: held, 0 of 4 (the departed clerk's copy does not count)
        ['sap:post', 3, 0.75], // common but missing: exactly at the threshold
        ['okta:app', 4, 1],
        ['sap:view', 4, 1],
        ['wd:extra', 1, 0.25],
      ],
    );
  });

  it('flags outliers (held, coverage below outlierBelow) and common-but-missing (coverage at or above commonAbove)', () => {
    assert.deepEqual([row(b, 'sap:pay')!.held, row(b, 'sap:pay')!.outlier, row(b, 'sap:pay')!.commonButMissing], [true, true, false]);
    assert.deepEqual([row(b, 'sap:post')!.held, row(b, 'sap:post')!.outlier, row(b, 'sap:post')!.commonButMissing], [false, false, true]);
    assert.deepEqual([row(b, 'wd:extra')!.outlier, row(b, 'wd:extra')!.commonButMissing], [false, false]);
    assert.equal(row(b, 'okta:app')!.outlier, false);
  });

  it('thresholds move the flags', () => {
    const strict = peerBaseline(ix, fin1, options({ by: 'DEPARTMENT_TITLE', minPeers: 4, commonAbove: 0.8, outlierBelow: 0.3 }));
    assert.equal(row(strict, 'sap:post')!.commonButMissing, false, '0.75 < 0.8');
    assert.equal(row(strict, 'sap:pay')!.outlier, true);
    const loose = peerBaseline(ix, fin1, options({ by: 'DEPARTMENT_TITLE', minPeers: 4, commonAbove: 0.2 }));
    assert.equal(row(loose, 'wd:extra')!.commonButMissing, true, '0.25 >= 0.2');
  });
});

describe('peer baseline: back-off', () => {
  const ix = index();

  it('AUTO backs off from a too-small role and team to the department, and says so step by step', () => {
    const b = peerBaseline(ix, ix.snapshot.identity('fin1')!, options());
    assert.equal(b.chosen.group.grouping, 'DEPARTMENT');
    assert.equal(b.chosen.backedOff, true);
    assert.deepEqual(
      b.chosen.steps.map((s) => [s.grouping, s.peerCount, s.outcome]),
      [['DEPARTMENT_TITLE', 4, 'TOO_SMALL'], ['MANAGER', 3, 'TOO_SMALL'], ['DEPARTMENT', 7, 'CHOSEN']],
    );
    assert.deepEqual(peersOf(b), ['fin2', 'fin3', 'fin4', 'fin5', 'fin6', 'mgrA', 'mgrB']);
    assert.match(b.chosen.reason, /department=Finance, title=AP Clerk: 4 peers, fewer than 5; people with manager=MgrA: 3 peers, fewer than 5; backed off to people with department=Finance: 7 peers/);
    // In the wider group sap:post is 3 of 7: no longer common enough to flag.
    assert.equal(row(b, 'sap:post')!.coverage, 3 / 7);
    assert.equal(row(b, 'sap:post')!.commonButMissing, false);
  });

  it('an unavailable grouping is skipped with its reason', () => {
    const mgrA = ix.snapshot.identity('mgrA')!;
    const chosen = choosePeerGroup(ix, mgrA, 'AUTO', 2);
    assert.deepEqual(chosen.steps.map((s) => [s.grouping, s.outcome]), [['DEPARTMENT_TITLE', 'TOO_SMALL'], ['MANAGER', 'UNAVAILABLE'], ['DEPARTMENT', 'CHOSEN']]);
    assert.equal(chosen.steps[1].reason, 'MgrA has no manager');
  });

  it('an explicit grouping backs off along the rest of the order only', () => {
    const fin6 = ix.snapshot.identity('fin6')!;
    assert.deepEqual(backOffChain(fin6, 'MANAGER').map((s) => s.grouping), ['MANAGER', 'DEPARTMENT', 'ORGANIZATION']);
    const chosen = choosePeerGroup(ix, fin6, 'MANAGER', 2);
    assert.deepEqual(chosen.steps.map((s) => [s.grouping, s.peerCount]), [['MANAGER', 1], ['DEPARTMENT', 7]]);
  });

  it('a configured attribute set drops its last attribute until the group is big enough', () => {
    const fin1 = ix.snapshot.identity('fin1')!;
    const b = peerBaseline(ix, fin1, options({ by: 'ATTRIBUTES', attributes: ['costCenter', 'location'], minPeers: 2 }));
    assert.deepEqual(b.chosen.steps.map((s) => [s.grouping, s.facets.map((f) => `${f.facet}=${f.value}`).join(','), s.peerCount]), [
      ['ATTRIBUTES', 'attributes.costCenter=CC1,attributes.location=Berlin', 1],
      ['ATTRIBUTES', 'attributes.costCenter=CC1', 2],
    ]);
    assert.deepEqual(peersOf(b), ['fin2', 'fin3']);
  });

  it('when even everyone is too few, the widest group is used and marked insufficient', () => {
    const a1 = ix.snapshot.identity('a1')!;
    const chosen = choosePeerGroup(ix, a1, 'AUTO', 10);
    assert.equal(chosen.group.grouping, 'ORGANIZATION');
    assert.equal(chosen.sufficient, false);
    assert.equal(chosen.group.peerCount, 3, 'the other agents; the service is not an agent');
    assert.match(chosen.reason, /no wider group exists/);
  });
});

describe('peer baseline: agents and services', () => {
  const ix = index();
  const a1 = ix.snapshot.identity('a1')!;
  const group = (by: 'TOOLSET' | 'PURPOSE' | 'OWNER_TEAM') => choosePeerGroup(ix, a1, by, 1).group;

  it('TOOLSET: agents configured with the same tool set', () => {
    assert.deepEqual([...group('TOOLSET').peers()].sort(), ['a2', 'a3']);
    assert.equal(group('TOOLSET').description, 'agents with the same tool set (ts-support)');
  });

  it('PURPOSE: agents whose purpose shares at least half its words (a service with the same purpose is not a peer)', () => {
    assert.deepEqual([...group('PURPOSE').peers()].sort(), ['a2', 'a4']);
    assert.equal(purposeSimilarity(purposeWords('Triages support tickets and drafts replies'), purposeWords('Triages inbound support tickets')), 0.5);
    assert.ok(purposeSimilarity(purposeWords('Triages support tickets and drafts replies'), purposeWords('Drafts marketing blog posts')) < 0.5);
  });

  it("OWNER_TEAM: agents whose owners sit in the same team (department and team attribute)", () => {
    assert.deepEqual([...group('OWNER_TEAM').peers()], ['a4']);
    assert.deepEqual(group('OWNER_TEAM').facets, [{ facet: 'ownerTeam', value: 'Engineering / Platform' }]);
  });

  it('AUTO for an agent: tool set first; its held-but-rare tool is an outlier', () => {
    const b = peerBaseline(ix, a1, options({ minPeers: 2 }));
    assert.equal(b.chosen.group.grouping, 'TOOLSET');
    assert.deepEqual(b.entitlements.map((r) => [r.entitlementId, r.coverage, r.outlier]), [
      ['tool:payments.approve', 0, true],
      ['tool:ticket.read', 1, false],
    ]);
  });

  it('a service backs off past groupings it cannot have and is compared with services only', () => {
    const s1 = ix.snapshot.identity('s1')!;
    const chosen = choosePeerGroup(ix, s1, 'AUTO', 1);
    assert.deepEqual(chosen.steps.map((s) => [s.grouping, s.outcome]), [
      ['TOOLSET', 'UNAVAILABLE'], ['PURPOSE', 'TOO_SMALL'], ['OWNER_TEAM', 'TOO_SMALL'], ['ORGANIZATION', 'CHOSEN'],
    ]);
    assert.equal(chosen.group.peerCount, 0);
  });
});

describe('facets worth scoring on', () => {
  it('keeps facets that group people, drops unique ones and exact duplicates of another', () => {
    const world = financeWorld();
    for (const i of world.identities) i.attributes = { ...i.attributes, employeeNumber: `n-${i.id}`, dept: i.department ?? '' };
    const facets = informativeFacets(toSnapshot(world), 'human');
    assert.ok(facets.includes('department') && facets.includes('title') && facets.includes('manager'));
    assert.ok(!facets.includes('attributes.employeeNumber'), 'one value per person groups no one');
    assert.ok(!facets.includes('attributes.dept'), 'the same partition as department');
  });
});
