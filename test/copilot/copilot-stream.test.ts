import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INTERNALS } from '../helpers/graphql-http';
import { securedWorld, type SecuredWorld } from '../helpers/auth-world';

/**
 * POST /copilot/ask: the chat page's stream, over the real server with API keys (so authentication
 * and roles apply as in production) on the SoD world.
 */
interface Streamed {
  status: number;
  contentType: string | null;
  events: Array<{ event: string; data: any }>;
  body: any;
}

async function ask(w: SecuredWorld, bearer: string | null, body: unknown): Promise<Streamed> {
  const res = await fetch(`${w.t.url}/copilot/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type');
  if (!contentType?.startsWith('text/event-stream')) return { status: res.status, contentType, events: [], body: text ? JSON.parse(text) : null };
  const events = text.split('\n\n').filter(Boolean).map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
    const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
    return { event, data };
  });
  return { status: res.status, contentType, events, body: null };
}

describe('POST /copilot/ask (server-sent events) with authentication on', () => {
  let w: SecuredWorld;
  before(async () => {
    w = await securedWorld();
  });
  after(() => w?.close());

  it('streams the checked text in deltas, then the whole cited answer, and keeps the conversation', async () => {
    const first = await ask(w, w.key.analyst, { question: 'Why does Bob have approve_payment?' });
    assert.equal(first.status, 200);
    const names = first.events.map((e) => e.event);
    assert.ok(names.length >= 3, names.join(','));
    assert.deepEqual([...new Set(names.slice(0, -1))], ['delta']);
    assert.equal(names.at(-1), 'answer');
    const answer = first.events.at(-1)!.data;
    assert.equal(first.events.slice(0, -1).map((e) => e.data.text).join(''), answer.text, 'the deltas add up to the answer');
    assert.equal(answer.intent, 'explain');
    assert.match(answer.text, /^Yes\. Bob \(nested three deep\) \(hr:bob\) holds approve_payment/);
    assert.match(answer.text, /member of Level 1 → member of Level 2 → member of Payment approvers → grants approve_payment/);
    assert.ok(answer.citations.some((c: any) => c.kind === 'ACCESS_PATH' && c.id === 'hr:bob|erp:approve_payment'), JSON.stringify(answer.citations));

    const next = await ask(w, w.key.analyst, { question: 'Who else has it?', conversationId: answer.conversationId });
    const followUp = next.events.at(-1)!.data;
    assert.equal(followUp.conversationId, answer.conversationId);
    assert.equal(followUp.intent, 'who_has');
    const holders = followUp.citations.filter((c: any) => c.kind === 'ACCESS_PATH').map((c: any) => c.identityId).sort();
    assert.deepEqual(holders, ['agent:a2', 'agent:pay-bot', 'hr:alice', 'hr:bob', 'hr:gina', 'hr:hank', 'svc:payments'], 'Frank’s account is disabled; Erin’s membership expired');
  });

  it('keeps a conversation to the caller that started it: another key gets a fresh one', async () => {
    const mine = (await ask(w, w.key.analyst, { question: 'Who has approve_payment?' })).events.at(-1)!.data;
    const theirs = (await ask(w, w.key.admin, { question: 'Why does he have it?', conversationId: mine.conversationId })).events.at(-1)!.data;
    assert.notEqual(theirs.conversationId, mine.conversationId);
    assert.deepEqual(theirs.citations, [], 'no "he" or "it" carried over from someone else’s conversation');
    assert.match(theirs.text, /^Which /, theirs.text);
  });

  it('refuses callers without a key (401) and the bi role (403), before any stream starts', async () => {
    const anonymous = await ask(w, null, { question: 'Who has approve_payment?' });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.events.length, 0);
    const bi = await ask(w, w.key.bi, { question: 'Who has approve_payment?' });
    assert.equal(bi.status, 403);
    assert.equal(bi.events.length, 0);
  });

  it('answers a bad body with 400 naming the field, and never streams', async () => {
    for (const [body, field] of [[{}, 'question'], [{ question: '   ' }, 'question'], [{ question: 'x'.repeat(2001) }, 'question'], [{ question: 'hi', extra: 1 }, 'body']] as const) {
      const res = await ask(w, w.key.analyst, body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(res.body.errors[0].extensions.code, 'BAD_USER_INPUT');
      assert.match(res.body.errors[0].message, new RegExp(field));
      assert.doesNotMatch(res.body.errors[0].message, INTERNALS);
    }
  });

  it('a what-if from a role that may not simulate says so, instead of failing or simulating', async () => {
    const analyst = (await ask(w, w.key.analyst, { question: 'What if we remove erp:bob from erp:g1?' })).events.at(-1)!;
    assert.equal(analyst.event, 'answer', JSON.stringify(analyst.data));
    assert.match(analyst.data.text, /simulat/i);
    assert.match(analyst.data.text, /role/i);
    assert.ok(!analyst.data.citations.some((c: any) => c.kind === 'SIMULATION'));

    const agent = (await ask(w, w.key.agent, { question: 'What if we remove erp:bob from erp:g1?' })).events.at(-1)!.data;
    assert.equal(agent.intent, 'what_if_remove');
    assert.ok(agent.citations.some((c: any) => c.kind === 'SIMULATION'), agent.text);
    assert.match(agent.text, /Bob/);
  });
});
