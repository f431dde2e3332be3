import { startTestServer } from '../test/helpers/graphql-http';
import { accuracy, report, runEval, type AnswerLike } from '../test/copilot/eval';
import { writeResult } from './results-file';

/** `npm run eval:copilot`: the question set on a fresh demo enterprise; prints accuracy and per-intent misses. */
async function main(): Promise<void> {
  const t = await startTestServer({ WHOHAS_DEMO: 'true', ...(process.env.OPENAI_API_KEY ? { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL ?? '' } : {}) });
  try {
    const outcomes = await runEval(async (q, c) => (await t.data('query($q:String!,$c:ID){ask(question:$q,conversationId:$c){text intent conversationId citations{kind id}}}', { q, c })).ask as AnswerLike);
    console.log(report(outcomes));
    const file = writeResult(`copilot-eval-${new Date().toISOString().slice(0, 10)}.json`, { accuracy: accuracy(outcomes), questions: outcomes.length, misses: outcomes.filter((o) => !o.passed).map((o) => ({ q: o.question.q, misses: o.misses })) });
    console.log(`written ${file}`);
  } finally {
    await t.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
