import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/graphql-http';
import { accuracy, report, runEval, type AnswerLike } from './eval';

const ASK = 'query Ask($q: String!, $c: ID) { ask(question: $q, conversationId: $c) { text intent conversationId citations { kind id } } }';

/** The question set on the demo enterprise `npm start` loads, over the real HTTP API, without a language model. */
describe('copilot question set (demo enterprise, rules only)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'true' });
  });
  after(async () => t?.close());

  it('answers at least 95% of the questions with the expected form and citations', async () => {
    const ask = async (q: string, c: string | null) => (await t.data(ASK, { q, c })).ask as AnswerLike;
    const outcomes = await runEval(ask);
    const text = report(outcomes);
    console.log(text);
    assert.ok(outcomes.length >= 60, 'the set has at least 60 questions');
    assert.ok(accuracy(outcomes) >= 0.95, text);
  });
});
