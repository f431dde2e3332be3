import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { a2aCardConnector } from '../ingest/agents';
import { WhohasError } from '../src/errors';
import { transformFrom, ingestVia } from './helpers/connector-run';
import { accessOf } from './helpers/graph-queries';
import { tempStore } from './helpers/temp-store';
import { copyFixture } from './helpers/write-bundle';
import { CARDS_DIR, NOW, cardsFrom, values } from './connector-agents-helpers';

const TRAVEL = 'a2a:agents.acmetravel.example/travel-booker';
const SKILL = (name: string) => `a2a:acme-travel-partners:skill/agents.acmetravel.example/travel-booker/${name}`;

describe('A2A agent cards: transform', () => {
  it('maps each card to an agent, its skills to tools on the provider system, and emits no credentials', async () => {
    const { result, assembled } = await transformFrom(a2aCardConnector, CARDS_DIR, { owner: 'hr:carol', ownerTeam: 'it' }, NOW);
    assert.deepEqual(assembled.rejects, []);
    assert.equal(result.source.source, 'a2a:cards', 'three hosts: no one host names the source');
    assert.deepEqual(values(result, 'identities').map((i) => i.id), [
      'a2a:hr-helpdesk.acme.test/hr-helpdesk',
      'a2a:kb-agent.internal.acme.test-8080/kb-search',
      TRAVEL,
    ]);
    const travel = values(result, 'identities')[2];
    assert.deepEqual(travel, {
      id: TRAVEL, kind: 'agent', displayName: 'Travel Booker', status: 'active', ownerId: 'hr:carol',
      purpose: 'Books flights and hotels within the corporate travel policy',
      attributes: {
        platform: 'a2a', a2aUrl: 'https://agents.acmetravel.example/a2a/booker', provider: 'Acme Travel Partners',
        version: '2.3.1', protocolVersion: '0.3.0', ownerTeam: 'it', tools: `${SKILL('book_trip')},${SKILL('search_flights')}`,
        skillTags: 'payment,search,travel', authSchemes: 'oauth2', capabilities: 'stateTransitionHistory,streaming',
      },
    });
    assert.deepEqual(values(result, 'systems').map((s) => [s.id, s.name]), [
      ['a2a:acme-corp', 'Acme Corp'],
      ['a2a:kb-agent.internal.acme.test-8080', 'kb-agent.internal.acme.test:8080'],
      ['a2a:acme-travel-partners', 'Acme Travel Partners'],
    ]);
    const grants = values(result, 'grants').filter((g) => String(g.holderId).includes('travel-booker'));
    assert.deepEqual(grants.map((g) => [g.holderId, g.entitlementId]), [
      ['a2a:acme-travel-partners:account/agents.acmetravel.example/travel-booker', SKILL('search_flights')],
      ['a2a:acme-travel-partners:account/agents.acmetravel.example/travel-booker', SKILL('book_trip')],
    ]);
    const skillLine = result.records.entitlements.find((e) => (e.value as { id: string }).id === SKILL('book_trip'))!.line;
    assert.equal(skillLine, 33, 'a skill points at its own line in the card');
    assert.ok(values(result, 'entitlements').every((e) => e.kind === 'tool'));
    assert.deepEqual(values(result, 'credentials'), [], 'security schemes are what callers present, not what the agent holds');
    const helpdesk = values(result, 'identities')[0].attributes as Record<string, string>;
    assert.equal(helpdesk.a2aUrl, 'https://hr-helpdesk.acme.test/a2a/v1', 'v1.0 cards: the url of the first supported interface');
    assert.equal(helpdesk.authSchemes, 'apiKey');
  });

  it('notes unowned agents, open agents, declared schemes and unread extended cards', async () => {
    const { result } = await transformFrom(a2aCardConnector, CARDS_DIR, {}, NOW);
    assert.equal(values(result, 'identities').filter((i) => i.ownerId).length, 0);
    const notes = result.notes.join('\n');
    assert.match(notes, /3 A2A agent\(s\) have no owner \(pass the `owner` option\)/);
    assert.match(notes, /1 card\(s\) declare no security scheme: .*kb-search \(kb-search\.json:1\)/);
    assert.match(notes, /travel-booker: oauth2/);
    assert.match(notes, /hr-helpdesk has an authenticated extended card/);
  });

  it('rejects a card without a url, a skill without a name, a repeated card; keeps the rest', () => {
    const card = JSON.parse(readFileSync(join(CARDS_DIR, 'kb-search.json'), 'utf8'));
    // One card a line, so card i of the catalog sits on line i + 2.
    const catalog = [card, { ...card, url: undefined }, { ...card, skills: [{ id: 'x' }, { id: 'y', name: 'Y' }], name: 'Other' }];
    const result = cardsFrom({ 'a.json': `[\n${catalog.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`, 'b.json': card });
    assert.deepEqual(result.rejects.map((r) => [r.file, r.line, r.field]), [
      ['a.json', 3, '[1].url'],
      ['a.json', 4, '[2].skills[0].name'],
      ['b.json', 1, 'name'],
      ['a.json', 4, '[2].skills[0].name'],
    ]);
    assert.match(result.rejects[2].reason, /already came from a\.json:2/);
    // What a full run keeps: the skill the bad entry still names (its grant, and the skill no other
    // entry loads); a card without a url names no agent, and a repeat's first copy loads.
    const key = 'kb-agent.internal.acme.test-8080/other';
    const skill = `a2a:kb-agent.internal.acme.test-8080:skill/${key}/x`;
    assert.deepEqual(result.rejects.map((r) => r.entity && [r.entity, r.key]), [
      undefined,
      ['grants', { holderId: `a2a:kb-agent.internal.acme.test-8080:account/${key}`, entitlementId: skill }],
      undefined,
      ['entitlements', { id: skill }],
    ]);
    assert.deepEqual(values(result, 'identities').map((i) => i.id), [
      'a2a:kb-agent.internal.acme.test-8080/kb-search', 'a2a:kb-agent.internal.acme.test-8080/other',
    ]);
    assert.equal(result.source.source, 'a2a:kb-agent.internal.acme.test-8080', 'one host names the source');
  });

  it('a rejected card that names its agent keeps its identity, system, account and skills; its host still names the source', () => {
    const kb = JSON.parse(readFileSync(join(CARDS_DIR, 'kb-search.json'), 'utf8'));
    const other = { ...kb, url: 'https://other.acme.test/a2a', name: 'Other Agent', version: 7 };
    const result = cardsFrom({ 'a.json': kb, 'b.json': other });
    const key = 'other.acme.test/other-agent';
    const system = 'a2a:other.acme.test';
    assert.deepEqual(result.rejects.map((r) => [r.file, r.line, r.field, r.entity, r.key]), [
      ['b.json', 1, 'version', 'identities', { id: `a2a:${key}` }],
      ['b.json', 1, 'version', 'systems', { id: system }],
      ['b.json', 1, 'version', 'accounts', { id: `${system}:account/${key}` }],
      ['b.json', 1, 'version', 'entitlements', { id: `${system}:skill/${key}/search_kb` }],
      ['b.json', 1, 'version', 'grants', { holderId: `${system}:account/${key}`, entitlementId: `${system}:skill/${key}/search_kb` }],
    ]);
    assert.match(result.rejects[2].reason, /^a2a:other\.acme\.test:account\/other\.acme\.test\/other-agent is kept as loaded before: its card was rejected \(b\.json:1\)$/);
    assert.equal(result.source.source, 'a2a:cards', 'two hosts, as when both cards load');
  });
});

describe('A2A agent cards: fetched from an agent URL', () => {
  let server: Server;
  let base: string;
  const card = readFileSync(join(CARDS_DIR, 'travel-booker.json'), 'utf8');
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/.well-known/agent.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(card);
      if (req.url === '/private/.well-known/agent-card.json' || req.url?.startsWith('/private')) return void res.writeHead(401).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((ok) => server.close(() => ok())));

  it('tries the well-known paths in order and names the payload by its URL', async () => {
    const opts = a2aCardConnector.options.parse({});
    const payloads = await a2aCardConnector.get(`${base}/`, opts, { maxFileBytes: 1 << 20 });
    assert.deepEqual(payloads.map((p) => p.name), [`${base}/.well-known/agent.json`]);
    const result = a2aCardConnector.transform(payloads, opts, { now: NOW });
    assert.equal(values(result, 'identities')[0].id, TRAVEL);
  });

  it('says which error it met: not public, too large, nothing there', async () => {
    const opts = a2aCardConnector.options.parse({});
    const code = (p: Promise<unknown>, expected: string) =>
      assert.rejects(p, (e: unknown) => e instanceof WhohasError && e.code === expected);
    await code(a2aCardConnector.get(`${base}/private/`, opts, { maxFileBytes: 1 << 20 }), 'SOURCE_AUTH_FAILED');
    await code(a2aCardConnector.get(`${base}/`, opts, { maxFileBytes: 100 }), 'BUNDLE_FILE_TOO_LARGE');
    await code(a2aCardConnector.get(`${base}/nothing/card.json`, opts, { maxFileBytes: 1 << 20 }), 'SOURCE_UNAVAILABLE');
  });
});

describe('A2A agent cards: into the graph beside the HR source', () => {
  it('gives each card agent its skills, owned by the HR identity given as owner', async () => {
    const t = await tempStore();
    try {
      assert.equal((await t.ingest(copyFixture('acme'))).status, 'succeeded');
      const run = await ingestVia(t, a2aCardConnector, CARDS_DIR, { options: { owner: 'hr:carol' } });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
      assert.deepEqual(await accessOf(t.store, TRAVEL), [SKILL('book_trip'), SKILL('search_flights')]);
      assert.equal(run.counts.credentials, 0);
    } finally {
      await t.close();
    }
  });
});
