import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserUnavailable, contrastFailures, launchBrowser, watchPage, type TestBrowser } from './helpers/browser';
import { KeyStore } from '../src/auth/key-store';
import { startTestServer, type TestServer } from './helpers/graphql-http';
import { edgeSet, hopNodes, pictureEdges, pictureNodes, sorted, type Hop } from './helpers/picture';

/**
 * The web console in headless Chromium against a real server with the demo enterprise (300 people)
 * on the embedded store. Every expectation about what a page shows is read from the API itself.
 * WHOHAS_SCREENSHOTS=<dir> also saves a screenshot of each page there (npm run screenshots).
 */
const skip = browserUnavailable();
if (skip) console.log(`# console e2e: ${skip}`);
const SHOTS = process.env.WHOHAS_SCREENSHOTS;
const HOPS = 'hops { kind id name edge direction }';

describe('web console in Chromium', { skip: skip ?? false }, () => {
  let t: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];

  let keysDir: string;
  let key: { admin: string; analyst: string };

  before(async () => {
    // Authentication on, as in production: the browser is an analyst with a key; the test's own
    // GraphQL calls (which simulate) use an admin key.
    keysDir = mkdtempSync(join(tmpdir(), 'whohas-e2e-keys-'));
    const keys = new KeyStore(join(keysDir, 'keys.json'));
    key = { admin: keys.create({ role: 'admin', name: 'e2e-admin' }).key, analyst: keys.create({ role: 'analyst', name: 'e2e-analyst' }).key };
    t = await startTestServer({ WHOHAS_DEMO: 'true', WHOHAS_DEMO_HUMANS: '300', WHOHAS_KEYS_FILE: join(keysDir, 'keys.json') }, { bearer: key.admin });
    browser = await launchBrowser();
    // What typing the key into the header once leaves behind: every page load finds it in storage.
    await browser.context.addInitScript((k) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
      if (!storage.getItem('whohas:apiKey')) storage.setItem('whohas:apiKey', k);
    }, key.analyst);
    page = await browser.context.newPage();
    problems = watchPage(page, t.url);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  });

  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
  };
  const noProblems = () => assert.deepEqual(problems.splice(0), [], 'script errors, console errors or requests leaving the server');
  // Predicates as functions, not strings: a string would be eval'd in the page, which its CSP forbids.
  const drawn = () => page.waitForFunction(() => {
    const w = globalThis as unknown as { whohasPicture?: { nodes(): unknown[] } };
    return Boolean(w.whohasPicture && w.whohasPicture.nodes().length > 0);
  });

  it('serves every page from this server alone, each with the labelled search box and API key field', async () => {
    for (const path of ['/console/search', '/console/identity', '/console/picture', '/console/chat', '/playground']) {
      const res = await page.goto(`${t.url}${path}`);
      assert.equal(res?.status(), 200, path);
      await page.getByLabel('Search', { exact: true }).waitFor();
      await page.getByLabel('API key').waitFor();
      if (path === '/playground') await page.locator('.graphiql-container').waitFor();
      else await page.locator('#app :is(p, form, div)').first().waitFor();
    }
    noProblems();
  });

  it('search finds identities, groups and entitlements, and opens an identity with its delegation chain', async () => {
    await page.goto(`${t.url}/console/search`);
    await page.getByLabel('Search', { exact: true }).fill('invoice processor');
    await page.keyboard.press('Enter');
    await page.locator('[data-results="identities"]').waitFor();
    const api = (await t.data('query($q: String!) { search(text: $q, first: 25) { identities { displayName } } }', { q: 'invoice processor' })).search;
    const listed = await page.locator('[data-results="identities"] li > a').allInnerTexts();
    assert.deepEqual(listed, api.identities.map((i: { displayName: string }) => i.displayName));
    assert.ok(listed.includes('Invoice Processor Agent'), listed.join(', '));
    await shot('search');

    await page.getByRole('link', { name: 'Invoice Processor Agent' }).first().click();
    await page.locator('[data-testid="delegation-chain"]').waitFor();
    assert.equal(await page.locator('main h1').innerText(), 'Invoice Processor Agent');
    const chain = await page.locator('[data-testid="delegation-chain"] li').allInnerTexts();
    assert.match(chain[0], /^Invoice Processor Agent \(agent\)/);
    assert.match(chain[chain.length - 1], /\(human\)$/, `chain ends at a human: ${chain.join(' → ')}`);
    const who = (await t.data('{ identity(id: "agent:invoice-processor") { effectiveAccess { totalCount } risk { findings { id } } } }')).identity;
    await page.getByRole('heading', { name: `Effective access (${who.effectiveAccess.totalCount})` }).waitFor();
    assert.ok(who.effectiveAccess.totalCount > 0);
    await page.getByRole('heading', { name: `Findings (${who.risk.findings.length})` }).or(page.getByText('No findings.')).waitFor();
    await page.locator('#peers table, #peers p').first().waitFor();
    await shot('identity');
    noProblems();
  });

  it('an access picture draws exactly the nodes and edges of explainAccess, and click-through opens the identity', async () => {
    await page.locator('a[aria-label^="Why does"]').first().click();
    await drawn();
    const url = new URL(page.url());
    const [identityId, entitlementId] = [url.searchParams.get('identity'), url.searchParams.get('entitlement')];
    const x = (await t.data(`query($i: ID!, $e: ID!) { explainAccess(identityId: $i, entitlementId: $e) { granted paths { ${HOPS} } } }`,
      { i: identityId, e: entitlementId })).explainAccess;
    assert.equal(x.granted, true);
    const paths: Hop[][] = x.paths.map((p: { hops: Hop[] }) => p.hops);
    assert.deepEqual(sorted((await pictureNodes(page)).map((n) => `${n.kind}|${n.id}`)), sorted(hopNodes(paths)));
    assert.deepEqual(sorted((await pictureEdges(page)).map((e) => `${e.source}>${e.type}>${e.target}`)), sorted(edgeSet(paths)));
    // The text list beside the picture names the same nodes (for keyboard and screen-reader users).
    assert.deepEqual(sorted(await page.locator('[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''))), sorted(hopNodes(paths)));
    await shot('picture-explain');

    const root = (await pictureNodes(page)).find((n) => n.kind === 'IDENTITY' && n.id === identityId)!;
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + root.at.x, box.y + root.at.y);
    await page.waitForURL(/\/console\/identity\?id=/);
    assert.equal(new URL(page.url()).searchParams.get('id'), identityId);
    noProblems();
  });

  it('an SoD picture draws both sides of a REACH violation with the control chain marked', async () => {
    const v = (await t.data(`{ sodViolations(kind: REACH, first: 1) { edges { node { identityId rule { id }
      left { paths { ${HOPS} } } right { paths { ${HOPS} } } } } } }`)).sodViolations.edges[0].node;
    await page.goto(`${t.url}/console/picture?sod=${encodeURIComponent(v.identityId)}&rule=${encodeURIComponent(v.rule.id)}`);
    await drawn();
    const paths: Hop[][] = [...v.left, ...v.right].flatMap((s: { paths: Array<{ hops: Hop[] }> }) => s.paths.map((p) => p.hops));
    assert.deepEqual(sorted((await pictureNodes(page)).map((n) => `${n.kind}|${n.id}`)), sorted([`IDENTITY|${v.identityId}`, ...hopNodes(paths)]));
    const control = paths.flatMap((hops) => hops.slice(1).flatMap((h, i) =>
      hops[i].kind === 'IDENTITY' && h.kind === 'IDENTITY' && h.direction !== 'REVERSE' ? [`${hops[i].id}>${h.edge}>${h.id}`] : []));
    assert.ok(control.length > 0, 'a REACH violation starts with a control chain');
    const marked = (await pictureEdges(page)).filter((e) => e.classes.includes('control')).map((e) => `${e.source}>${e.type}>${e.target}`);
    assert.deepEqual(sorted(marked), sorted(control));
    const labels = (await pictureNodes(page)).map((n) => n.label);
    assert.ok(labels.some((l) => l.endsWith('(side A)')) && labels.some((l) => l.endsWith('(side B)')), labels.join(', '));
    await shot('picture-sod');
    noProblems();
  });

  it('a simulation picture marks the removed edge and every identity that loses access', async () => {
    const change = { op: 'REMOVE_MEMBERSHIP', memberId: 'okta:grp:dept-fin', groupId: 'okta:grp:app-sap-fin' };
    const sim = (await t.data('mutation($c: [ChangeInput!]!) { simulate(changes: $c) { id deltas(first: 100) { edges { node { identityId lost { entitlement { id } } } } } } }',
      { c: [change] })).simulate;
    const losers = sim.deltas.edges.filter((e: any) => e.node.lost.length).map((e: any) => e.node.identityId);
    assert.ok(losers.length > 1, 'the example change takes access away from several people');
    await page.goto(`${t.url}/console/picture?simulation=${encodeURIComponent(sim.id)}`);
    await drawn();
    const nodes = await pictureNodes(page);
    assert.deepEqual(sorted(nodes.filter((n) => n.classes.includes('loses')).map((n) => n.id)), sorted(losers));
    const removed = (await pictureEdges(page)).filter((e) => e.classes.includes('removed'));
    assert.deepEqual(removed.map((e) => [e.source, e.type, e.target]), [[change.memberId, 'MEMBER_OF', change.groupId]]);
    await shot('picture-simulation');
    noProblems();
  });

  it('a simulation picture also draws what a change would give: the added edge and every identity that gains access', async () => {
    const change = { op: 'ADD_MEMBERSHIP', memberId: 'okta:grp:dept-fin', groupId: 'okta:grp:super-admins' };
    const sim = (await t.data('mutation($c: [ChangeInput!]!) { simulate(changes: $c) { id changes { status message } deltas(first: 100) { edges { node { identityId gained { entitlement { id } } } } } } }',
      { c: [change] })).simulate;
    assert.equal(sim.changes[0].status, 'APPLIED', sim.changes[0].message);
    const gainers = sim.deltas.edges.filter((e: any) => e.node.gained.length).map((e: any) => e.node.identityId);
    assert.ok(gainers.length > 1, 'Finance joining the super admins gives several people access');
    await page.goto(`${t.url}/console/picture?simulation=${encodeURIComponent(sim.id)}`);
    await drawn();
    const nodes = await pictureNodes(page);
    assert.deepEqual(sorted(nodes.filter((n) => n.classes.includes('gains')).map((n) => n.id)), sorted(gainers));
    assert.equal(nodes.filter((n) => n.classes.includes('loses')).length, 0);
    const added = (await pictureEdges(page)).filter((e) => e.classes.includes('added'));
    assert.deepEqual(added.map((e) => [e.source, e.type, e.target]), [[change.memberId, 'MEMBER_OF', change.groupId]]);
    await shot('picture-simulation-gain');
    noProblems();
  });

  it('the playground runs a query and sends the API key as a bearer token', async () => {
    await page.goto(`${t.url}/playground`);
    await page.getByLabel('API key').fill(key.admin);
    await page.locator('.graphiql-execute-button').waitFor();
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('WhoHas')),
      page.locator('.graphiql-execute-button').click(),
    ]);
    assert.equal(request.headers().authorization, `Bearer ${key.admin}`);
    const response = await request.response();
    assert.equal(response?.status(), 200);
    const total = (await response!.json()).data.whoHas.totalCount;
    await page.waitForFunction((n) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
      return (doc.querySelector('.result-window')?.textContent ?? '').includes(`"totalCount": ${n}`);
    }, total);
    await shot('playground');
    await page.getByLabel('API key').fill(key.analyst);
    noProblems();
  });

  it('the copilot answers with citations, and a citation opens the view of what it cites', async () => {
    await page.goto(`${t.url}/console/chat`);
    await page.getByLabel('Your question').fill('Why does Tomas Gomez have release_payment_run?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('.wh-msg[data-role="copilot"]').last();
    await answer.locator('.wh-cites a, .wh-error').first().waitFor({ timeout: 60_000 });
    assert.equal(await answer.locator('.wh-error').count(), 0, await answer.innerText());
    assert.ok((await answer.locator('.wh-text').innerText()).trim().length > 0, 'an answer in words');
    await shot('copilot');
    const cite = answer.locator('.wh-cites li').first();
    const kind = await cite.getAttribute('data-citation-kind');
    await cite.locator('a').click();
    await page.waitForURL(/\/console\/(identity|picture|search)\?/);
    const url = new URL(page.url());
    if (kind === 'ACCESS_PATH') {
      await drawn();
      const x = (await t.data(`query($i: ID!, $e: ID!) { explainAccess(identityId: $i, entitlementId: $e) { paths { ${HOPS} } } }`,
        { i: url.searchParams.get('identity'), e: url.searchParams.get('entitlement') })).explainAccess;
      assert.deepEqual(sorted((await pictureNodes(page)).map((n) => `${n.kind}|${n.id}`)), sorted(hopNodes(x.paths.map((p: { hops: Hop[] }) => p.hops))));
    } else if (kind === 'IDENTITY') {
      const who = (await t.data('query($id: ID!) { identity(id: $id) { displayName } }', { id: url.searchParams.get('id') })).identity;
      await page.getByRole('heading', { level: 1, name: who.displayName }).waitFor();
    } else {
      assert.ok(url.search.length > 1, `${kind} citation opened ${page.url()}`);
    }
    // Back to the chat: the conversation is still there.
    await page.goBack();
    await page.locator('.wh-msg[data-role="copilot"] .wh-cites').first().waitFor();
    noProblems();
  });

  it('keyboard: a skip link first, then the header in reading order, each with a visible focus ring', async () => {
    await page.goto(`${t.url}/console/search?q=payment`);
    await page.locator('[data-results="identities"]').waitFor();
    const names: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(`(() => { const e = document.activeElement; const s = getComputedStyle(e);
        if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return 'NO FOCUS RING on ' + e.outerHTML.slice(0, 60);
        return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); })()`));
    }
    assert.deepEqual(names, ['Skip to content', 'whohas', 'Search', 'Copilot', 'Access picture', 'Playground', 'Search', 'Find', 'API key']);
    await page.reload();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main', 'the skip link moves focus to the content');
  });

  it('text contrast meets WCAG AA on every console page and the playground header', async () => {
    const pages = ['/console/search?q=payment', '/console/identity?id=agent:invoice-processor', '/console/picture', '/console/chat'];
    for (const path of pages) {
      await page.goto(`${t.url}${path}`);
      await page.locator('#app > p.wh-muted:only-child').waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await contrastFailures(page), [], path);
    }
    await page.goto(`${t.url}/playground`);
    assert.deepEqual(await contrastFailures(page, '.wh-shell'), [], 'playground header');
    // The check itself must be able to fail: grey on white (2.3:1) is caught.
    await page.evaluate(`document.querySelector('.wh-shell').insertAdjacentHTML('afterend', '<p id="grey" style="color:#aaaaaa;background:#fff">faint</p>')`);
    assert.deepEqual(await contrastFailures(page, '#grey'), ['p "faint": 2.32:1']);
    noProblems();
  });
});
