import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminIngest, INTERNALS, startTestServer, type TestServer } from './helpers/graphql-http';
import { financeWorld, toBundle, type World } from './helpers/peer-world';

/** peerBaseline, outliers, accessRecommendation and explainAccess.peers over real HTTP on a real store. */
const GROUP = 'group { grouping requested description peerCount minPeers backedOff sufficient reason facets { facet value label } steps { grouping peerCount outcome reason } }';

async function serve(world: World): Promise<TestServer> {
  const t = await startTestServer({ WHOHAS_DEMO: 'false' });
  const res = await adminIngest(t, toBundle(world));
  assert.equal(res.body.status, 'succeeded', JSON.stringify(res.body.error));
  return t;
}

describe('peer queries over GraphQL (no decisions: peer coverage)', () => {
  let t: TestServer;
  before(async () => {
    t = await serve(financeWorld());
  });
  after(() => t?.close());

  it('peerBaseline: the group, why it was chosen, and exact coverage per entitlement', async () => {
    const d = await t.data(`{ peerBaseline(identityId: "fin1", by: DEPARTMENT_TITLE, minPeers: 4) {
      identityId identity { displayName } heldCount outlierCount commonButMissingCount outlierBelow commonAbove ${GROUP}
      entitlements { entitlementId entitlement { name } coverage peersHolding held outlier commonButMissing } } }`);
    const b = d.peerBaseline;
    assert.equal(b.identity.displayName, 'Fin1');
    assert.deepEqual([b.heldCount, b.outlierCount, b.commonButMissingCount, b.outlierBelow, b.commonAbove], [3, 1, 1, 0.1, 0.75]);
    assert.deepEqual(b.group.facets, [{ facet: 'department', value: 'Finance', label: 'Finance' }, { facet: 'title', value: 'AP Clerk', label: 'AP Clerk' }]);
    assert.deepEqual([b.group.grouping, b.group.requested, b.group.peerCount, b.group.backedOff, b.group.sufficient], ['DEPARTMENT_TITLE', 'DEPARTMENT_TITLE', 4, false, true]);
    assert.deepEqual(
      b.entitlements.map((r: any) => [r.entitlementId, r.coverage, r.peersHolding, r.held, r.outlier, r.commonButMissing]),
      [
        ['sap:pay', 0, 0, true, true, false],
        ['sap:post', 0.75, 3, false, false, true],
        ['okta:app', 1, 4, true, false, false],
        ['sap:view', 1, 4, true, false, false],
        ['wd:extra', 0.25, 1, false, false, false],
      ],
    );
    assert.equal(b.entitlements[0].entitlement.name, 'sap:pay');
  });

  it('peerBaseline: AUTO backs off and says so; the peers themselves are listed; flaggedOnly narrows', async () => {
    const d = await t.data(`{ peerBaseline(identityId: "fin1") { ${GROUP} entitlements(flaggedOnly: true) { entitlementId } } }`);
    const g = d.peerBaseline.group;
    assert.deepEqual(g.steps.map((s: any) => [s.grouping, s.peerCount, s.outcome]), [
      ['DEPARTMENT_TITLE', 4, 'TOO_SMALL'], ['MANAGER', 3, 'TOO_SMALL'], ['DEPARTMENT', 7, 'CHOSEN'],
    ]);
    assert.deepEqual([g.requested, g.backedOff, g.minPeers], ['AUTO', true, 5]);
    assert.match(g.reason, /backed off to people with department=Finance: 7 peers/);
    assert.deepEqual(d.peerBaseline.entitlements.map((r: any) => r.entitlementId), ['sap:pay']);
    const peers = await t.data('{ peerBaseline(identityId: "fin1") { group { peers(first: 3) { id } } } }');
    assert.deepEqual(peers.peerBaseline.group.peers.map((p: any) => p.id), ['fin2', 'fin3', 'fin4']);
  });

  it('peerBaseline for agents: TOOLSET, PURPOSE, OWNER_TEAM and a configured attribute set', async () => {
    const q = (by: string, extra = '') => t.data(`{ peerBaseline(identityId: "a1", by: ${by}, minPeers: 1${extra}) { group { grouping peerCount peers { id } } } }`);
    assert.deepEqual((await q('TOOLSET')).peerBaseline.group.peers.map((p: any) => p.id), ['a2', 'a3']);
    assert.deepEqual((await q('PURPOSE')).peerBaseline.group.peers.map((p: any) => p.id), ['a2', 'a4']);
    assert.deepEqual((await q('OWNER_TEAM')).peerBaseline.group.peers.map((p: any) => p.id), ['a4']);
    const attrs = await t.data('{ peerBaseline(identityId: "fin1", by: ATTRIBUTES, attributes: ["costCenter", "location"], minPeers: 2) { group { peerCount facets { facet value } } } }');
    assert.deepEqual(attrs.peerBaseline.group, { peerCount: 2, facets: [{ facet: 'attributes.costCenter', value: 'CC1' }] });
  });

  it('accessRecommendation: a score, a suggestion, the evidence that adds up to it, and the peers behind it', async () => {
    const d = await t.data(`{ accessRecommendation(identityId: "fin1", entitlementId: "sap:post") {
      identity { id } entitlement { id } score held suggestion summary baseLogOdds priorDecision { outcome }
      evidence { kind grouping peers holders contribution statement facets { facet value } }
      model { method decisions reason } peers { grouping peerCount peersHolding coverage commonButMissing score }
      supportingPeers { id } } }`);
    const r = d.accessRecommendation;
    assert.deepEqual([r.identity.id, r.entitlement.id, r.held, r.suggestion, r.priorDecision], ['fin1', 'sap:post', false, 'REVIEW', null]);
    const logOdds = r.evidence.reduce((s: number, e: any) => s + e.contribution, r.baseLogOdds);
    assert.ok(Math.abs(1 / (1 + Math.exp(-logOdds)) - r.score) < 1e-9, 'sigmoid(base + contributions) = score');
    assert.deepEqual(r.evidence.map((e: any) => e.statement), [
      '3 of 4 people with department=Finance, title=AP Clerk hold sap:post',
      '3 of 3 people with manager=MgrA hold sap:post',
      '3 of 7 people with department=Finance hold sap:post',
      '3 of 11 active people hold sap:post',
    ]);
    assert.equal(r.model.method, 'PEER_COVERAGE');
    assert.deepEqual(r.peers, { grouping: 'DEPARTMENT', peerCount: 7, peersHolding: 3, coverage: 3 / 7, commonButMissing: false, score: r.score });
    assert.deepEqual(r.supportingPeers.map((p: any) => p.id).sort(), ['fin2', 'fin3', 'fin4']);
    assert.match(r.summary, /^Review \(score 0\.70\): Fin1 does not hold sap:post\. Strongest evidence: 3 of 4 people/);
  });

  it('explainAccess shows the peer evidence alongside the paths', async () => {
    const d = await t.data(`{ explainAccess(identityId: "fin1", entitlementId: "sap:pay") { granted peers { grouping peerCount peersHolding coverage held outlier score suggestion group { description } } } }`);
    assert.equal(d.explainAccess.granted, true);
    const p = d.explainAccess.peers;
    assert.deepEqual([p.grouping, p.peerCount, p.peersHolding, p.coverage, p.held, p.outlier, p.suggestion], ['DEPARTMENT', 7, 0, 0, true, true, 'REVOKE']);
    assert.equal(p.group.description, 'people with department=Finance');
    const unknown = await t.data('{ explainAccess(identityId: "nobody", entitlementId: "sap:pay") { granted peers { score } } }');
    assert.equal(unknown.explainAccess.peers, null);
  });

  it('outliers: ranked, paged with cursors, filtered by kind and department, each with its evidence and last use', async () => {
    const q = `query($after: String, $kind: IdentityKind, $department: String) { outliers(first: 2, after: $after, minScore: 0.5, kind: $kind, department: $department) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { identityId entitlementId outlierScore lastUsedAt useCount
        identity { id } entitlement { id } peers { grouping coverage outlier } evidence { statement } } } } }`;
    const first = (await t.data(q)).outliers;
    const all: any[] = first.edges.map((e: any) => e.node);
    let page = first;
    while (page.pageInfo.hasNextPage) {
      page = (await t.data(q, { after: page.pageInfo.endCursor })).outliers;
      all.push(...page.edges.map((e: any) => e.node));
    }
    assert.equal(all.length, first.totalCount);
    assert.ok(all.some((o) => o.identityId === 'fin1' && o.entitlementId === 'sap:pay'));
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].outlierScore >= all[i].outlierScore);
    assert.ok(all.every((o) => o.outlierScore >= 0.5 && o.evidence.length > 0 && o.identity.id === o.identityId));
    const agents = (await t.data(q, { kind: 'AGENT' })).outliers;
    assert.ok(agents.edges.every((e: any) => e.node.identityId.startsWith('a')));
    assert.ok(agents.edges.some((e: any) => e.node.entitlementId === 'tool:payments.approve'));
    const eng = (await t.data(q, { department: 'Engineering' })).outliers;
    assert.ok(eng.edges.length > 0 && eng.edges.every((e: any) => ['eng1', 'eng2', 'eng3', 'mgrE', 'a1', 'a2', 'a4'].includes(e.node.identityId)));
  });

  it('answers follow the graph: a new ingest moves coverage', async () => {
    const world = financeWorld();
    world.identities.find((i) => i.id === 'fin2')!.holds = ['okta:app', 'sap:view'];
    const res = await adminIngest(t, toBundle(world));
    assert.equal(res.body.status, 'succeeded');
    const d = await t.data('{ peerBaseline(identityId: "fin1", by: DEPARTMENT_TITLE, minPeers: 4) { entitlements { entitlementId coverage commonButMissing } } }');
    const post = d.peerBaseline.entitlements.find((r: any) => r.entitlementId === 'sap:post');
    assert.deepEqual(post, { entitlementId: 'sap:post', coverage: 0.5, commonButMissing: false });
    await adminIngest(t, toBundle(financeWorld()));
  });

  it('bad arguments are BAD_USER_INPUT naming the problem; unknown ids are NOT_FOUND; nothing internal leaks', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['{ peerBaseline(identityId: "fin1", minPeers: 0) { identityId } }', 'BAD_USER_INPUT', /minPeers must be at least 1/],
      ['{ peerBaseline(identityId: "fin1", by: ATTRIBUTES) { identityId } }', 'BAD_USER_INPUT', /by: ATTRIBUTES needs 'attributes'/],
      ['{ peerBaseline(identityId: "fin1", attributes: ["x"]) { identityId } }', 'BAD_USER_INPUT', /applies only to by: ATTRIBUTES/],
      ['{ peerBaseline(identityId: "fin1", outlierBelow: 0.9, commonAbove: 0.5) { identityId } }', 'BAD_USER_INPUT', /outlierBelow must not exceed commonAbove/],
      ['{ outliers(minScore: 2) { totalCount } }', 'BAD_USER_INPUT', /minScore must be between 0 and 1/],
      ['{ outliers(first: 100000) { totalCount } }', 'BAD_USER_INPUT', /first must be <= 500/],
      ['{ peerBaseline(identityId: "nobody") { identityId } }', 'NOT_FOUND', /No identity 'nobody'/],
      ['{ accessRecommendation(identityId: "fin1", entitlementId: "nothing") { score } }', 'NOT_FOUND', /No entitlement 'nothing'/],
      ['{ accessRecommendation(identityId: " ", entitlementId: "sap:pay") { score } }', 'BAD_USER_INPUT', /identityId/],
    ];
    for (const [query, code, message] of cases) {
      const res = await t.post(query);
      assert.equal(res.body.errors?.[0]?.extensions?.code, code, query);
      assert.match(res.body.errors![0].message, message, query);
      assert.doesNotMatch(res.text, INTERNALS, query);
    }
  });
});

/** Sixty people in four departments asking for ten resources; department d is refused r when (d + r) % 3 == 0. */
function decisionWorld(): World {
  const world: World = { identities: [], decisions: [] };
  for (let d = 0; d < 4; d++) {
    for (let p = 0; p < 15; p++) {
      const id = `d${d}p${p}`;
      const asked = [0, 1, 2].map((k) => (p + k * 4) % 10);
      world.identities.push({ id, department: `D${d}`, title: `T${p % 3}`, holds: asked.filter((r) => (d + r) % 3 !== 0).map((r) => `r${r}`) });
      for (const r of asked) world.decisions!.push({ identityId: id, entitlementId: `r${r}`, outcome: (d + r) % 3 === 0 ? 'denied' : 'approved', decidedAt: '2026-02-01T00:00:00Z' });
    }
  }
  return world;
}

describe('accessRecommendation over GraphQL with past decisions (learned weights)', () => {
  let t: TestServer;
  before(async () => {
    t = await serve(decisionWorld());
  });
  after(() => t?.close());

  it('uses the decisions as evidence and shows the pair’s own decision without scoring it', async () => {
    const d = await t.data(`{ accessRecommendation(identityId: "d1p4", entitlementId: "r2") {
      score held suggestion priorDecision { outcome kind decidedAt }
      evidence { kind grouping approved denied statement contribution }
      model { method decisions approved denied intercept terms { id weight } } } }`);
    const r = d.accessRecommendation;
    // d1p4 asked for r4, r8 and r2; (1 + 2) % 3 == 0: department D1 is refused r2.
    assert.deepEqual(r.priorDecision, { outcome: 'DENIED', kind: 'REQUEST', decidedAt: '2026-02-01T00:00:00.000Z' });
    assert.equal(r.model.method, 'LEARNED_FROM_DECISIONS');
    assert.equal(r.model.decisions, 180);
    assert.ok(r.model.terms.every((x: any) => x.weight >= 0));
    const dept = r.evidence.find((e: any) => e.kind === 'PEER_DECISIONS' && e.grouping === 'DEPARTMENT');
    assert.ok(dept && dept.approved === 0 && dept.denied > 0, JSON.stringify(r.evidence));
    assert.match(dept.statement, /^0 of \d+ people with department=D1 who asked for r2 were approved$/);
    assert.ok(r.score < 0.25 && r.suggestion === 'DENY', `${r.score} ${r.suggestion}`);
    const yes = await t.data('{ accessRecommendation(identityId: "d0p3", entitlementId: "r2") { score suggestion } }');
    assert.ok(yes.accessRecommendation.score > 0.75 && yes.accessRecommendation.suggestion === 'APPROVE', JSON.stringify(yes));
  });
});
