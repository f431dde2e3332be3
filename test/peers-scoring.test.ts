import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHAIN_PRIOR } from '../src/peers/coverage-chain';
import { fitNonNegativeLogistic, logit } from '../src/peers/logistic';
import { MIN_DECISIONS, PeerModel } from '../src/peers/model';
import { filterOutliers, rankedOutliers } from '../src/peers/outliers';
import { suggest } from '../src/peers/suggestion';
import { rocAuc } from '../bench/roc-auc';
import { financeWorld, toSnapshot, type World } from './helpers/peer-world';

const NOW = '2026-06-01T00:00:00.000Z';
const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, `${msg ?? ''} ${a} != ${b}`);
const sumOfContributions = (r: { baseLogOdds: number; evidence: Array<{ contribution: number }> }) => r.evidence.reduce((s, e) => s + e.contribution, r.baseLogOdds);

describe('scoring without decisions: peer coverage along the back-off order', () => {
  const model = new PeerModel(toSnapshot(financeWorld()));

  it('is the hand-computed shrinkage estimate, and its evidence adds up to it', () => {
    const r = model.recommend('fin1', 'sap:post', NOW);
    // Counted from the world: everyone else active (11 people, 3 hold it) -> Finance (7, 3) -> mgrA's team (3, 3) -> AP clerks (4, 3).
    const c0 = (3 + 1) / (11 + 2);
    const c1 = (3 + CHAIN_PRIOR * c0) / (7 + CHAIN_PRIOR);
    const c2 = (3 + CHAIN_PRIOR * c1) / (3 + CHAIN_PRIOR);
    const c3 = (3 + CHAIN_PRIOR * c2) / (4 + CHAIN_PRIOR);
    close(r.score, c3, 'score');
    close(sumOfContributions(r), logit(r.score), 'log-odds add up');
    assert.equal(r.method, 'PEER_COVERAGE');
    assert.deepEqual(r.evidence.map((e) => [e.grouping, e.holders, e.peers]), [
      ['DEPARTMENT_TITLE', 3, 4], ['MANAGER', 3, 3], ['DEPARTMENT', 3, 7], ['ORGANIZATION', 3, 11],
    ]);
    assert.equal(r.evidence[0].statement, '3 of 4 people with department=Finance, title=AP Clerk hold sap:post');
    assert.equal(r.held, false);
    assert.equal(r.suggestion, 'REVIEW', '0.70: common in the team, rarer in the department');
  });

  it('a held entitlement no peer holds scores low and is suggested for revocation; the identity never counts itself', () => {
    const r = model.recommend('fin1', 'sap:pay', NOW);
    assert.equal(r.held, true);
    assert.ok(r.evidence.every((e) => e.holders === 0), 'fin1 holds it, but is not its own peer; the departed clerk is not a peer');
    assert.ok(r.score < 0.1, `score ${r.score}`);
    assert.equal(r.suggestion, 'REVOKE');
    assert.match(r.summary, /^Revoke \(score 0\.\d\d\): Fin1 holds sap:pay\. Strongest evidence: 0 of 4 people with department=Finance, title=AP Clerk hold sap:pay/);
  });

  it('unknown identities and entitlements are NOT_FOUND', () => {
    assert.throws(() => model.recommend('nobody', 'sap:pay', NOW), { code: 'NOT_FOUND' });
    assert.throws(() => model.recommend('fin1', 'nothing', NOW), { code: 'NOT_FOUND' });
  });
});

/**
 * Four departments of fifteen people; each person asks for three of ten resources. Department d's
 * requests for resource r are approved unless (d + r) % 3 == 0: peers' past decisions are the whole
 * signal, as in real request logs.
 */
function decisionWorld(): World {
  const world: World = { identities: [], decisions: [] };
  for (let d = 0; d < 4; d++) {
    for (let p = 0; p < 15; p++) {
      const id = `d${d}p${p}`;
      world.identities.push({ id, department: `D${d}`, title: `T${p % 3}`, managerId: undefined });
      for (let k = 0; k < 3; k++) {
        const r = (p + k * 4) % 10;
        world.decisions!.push({ identityId: id, entitlementId: `r${r}`, outcome: (d + r) % 3 === 0 ? 'denied' : 'approved' });
      }
    }
  }
  for (const i of world.identities) i.holds = world.decisions!.filter((x) => x.identityId === i.id && x.outcome === 'approved').map((x) => x.entitlementId);
  return world;
}

describe('scoring learned from past decisions', () => {
  const world = decisionWorld();
  const model = new PeerModel(toSnapshot(world));

  it('learns when there are enough decisions, with weights that never go negative', () => {
    const info = model.info('human');
    assert.equal(info.method, 'LEARNED_FROM_DECISIONS');
    const approved = world.decisions!.filter((d) => d.outcome === 'approved').length;
    assert.deepEqual(info.decisions, { total: 180, approved, denied: 180 - approved });
    assert.ok(info.terms.every((t) => t.weight >= 0));
    assert.ok(info.terms.find((t) => t.id === 'decisions:department')!.weight > 0.5, 'department decisions carry the signal');
  });

  it('ranks every department x resource pair by what its peers were granted', () => {
    const scores: number[] = [];
    const labels: (0 | 1)[] = [];
    for (let d = 0; d < 4; d++) {
      for (let r = 0; r < 10; r++) {
        // p14 never asked for r5 / r9 ... any pair works: the person's own decision is left out.
        scores.push(model.score(model.identity(`d${d}p14`), `r${r}`));
        labels.push((d + r) % 3 === 0 ? 0 : 1);
      }
    }
    assert.equal(rocAuc(scores, labels), 1);
  });

  it("explains a score with its peers' counts, leaving the identity's own decision out (shown separately)", () => {
    const r = model.recommend('d0p0', 'r0', NOW); // d0p0 was denied r0 ((0 + 0) % 3 == 0)
    assert.deepEqual(r.priorDecision && [r.priorDecision.outcome, r.priorDecision.kind], ['denied', 'request']);
    const dept = r.evidence.find((e) => e.kind === 'PEER_DECISIONS' && e.grouping === 'DEPARTMENT')!;
    const othersInD0 = world.decisions!.filter((x) => x.identityId.startsWith('d0') && x.identityId !== 'd0p0' && x.entitlementId === 'r0');
    assert.deepEqual([dept.approved, dept.denied], [0, othersInD0.length]);
    assert.equal(dept.statement, `0 of ${othersInD0.length} people with department=D0 who asked for r0 were approved`);
    assert.ok(dept.contribution < 0);
    close(sumOfContributions(r), logit(r.score), 'base + contributions = logit(score)');
    assert.ok(r.score < 0.25, `score ${r.score}`);
    assert.equal(r.suggestion, 'DENY');
  });

  it('falls back to peer coverage, per kind, below the decision threshold', () => {
    const few = decisionWorld();
    few.decisions = few.decisions!.slice(0, MIN_DECISIONS - 1);
    assert.equal(new PeerModel(toSnapshot(few)).info('human').method, 'PEER_COVERAGE');
    assert.equal(model.info('agent').method, 'PEER_COVERAGE', 'agents have no decisions of their own');
  });
});

describe('non-negative logistic regression', () => {
  it('fits a real signal and drops a feature whose weight would go negative', () => {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const good = (i * 7919) % 13 / 6 - 1; // evidence for
      const bad = (i * 104729) % 11 / 5 - 1; // evidence against (would want a negative weight)
      rows.push(Float64Array.from([good, bad]));
      labels.push(good * 3 - bad * 2 + ((i * 31) % 7) / 7 - 0.5 > 0 ? 1 : 0);
    }
    const fit = fitNonNegativeLogistic(rows, Uint8Array.from(labels), { l2: 1 });
    assert.ok(fit.weights[0] > 1, `weight for ${fit.weights[0]}`);
    assert.equal(fit.weights[1], 0);
  });
});

describe('suggestions', () => {
  it('approve/deny requests, keep/revoke held access; recent use turns a revoke into a review', () => {
    assert.equal(suggest(0.8, null, NOW), 'APPROVE');
    assert.equal(suggest(0.5, null, NOW), 'REVIEW');
    assert.equal(suggest(0.2, null, NOW), 'DENY');
    assert.equal(suggest(0.3, { lastUsedAt: null, useCount: 0 }, NOW), 'KEEP');
    assert.equal(suggest(0.05, { lastUsedAt: null, useCount: 0 }, NOW), 'REVOKE');
    assert.equal(suggest(0.05, { lastUsedAt: '2026-05-20T00:00:00Z', useCount: 3 }, NOW), 'REVIEW');
    assert.equal(suggest(0.05, { lastUsedAt: '2025-01-01T00:00:00Z', useCount: 3 }, NOW), 'REVOKE');
  });
});

describe('org-wide outliers', () => {
  const model = new PeerModel(toSnapshot(financeWorld()));

  it('ranks held access by 1 - score, active identities only', () => {
    const all = rankedOutliers(model);
    assert.equal(all.length, 39, 'every held pair of the 18 active identities');
    assert.ok(!all.some((o) => o.identityId === 'gone'));
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].outlierScore >= all[i].outlierScore);
    const top = filterOutliers(model, { minScore: 0.8, department: null, kind: null }).map((o) => `${o.identityId} ${o.entitlementId}`);
    assert.ok(top.includes('fin1 sap:pay'), top.join(', '));
    assert.ok(!top.includes('fin1 sap:view'));
  });

  it('filters by kind and by department (an agent by its owner’s)', () => {
    const agents = filterOutliers(model, { minScore: 0, department: null, kind: 'agent' });
    assert.deepEqual([...new Set(agents.map((o) => o.identityId))].sort(), ['a1', 'a2', 'a3', 'a4']);
    const finance = filterOutliers(model, { minScore: 0, department: 'Finance', kind: null });
    assert.ok(finance.some((o) => o.identityId === 'a3'), 'a3 is owned by fin1, in Finance');
    assert.ok(finance.every((o) => o.identityId === 'a3' || model.snapshot.identity(o.identityId)!.department === 'Finance'));
  });
});
