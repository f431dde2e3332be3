import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../src/paths';

const Question = z.strictObject({
  q: z.string().min(1),
  intent: z.string().optional(),
  cites: z.array(z.string().regex(/^[A-Z_]+:.+$/, 'cites are KIND:id')).default([]),
  says: z.array(z.string()).default([]),
  conversation: z.string().optional(),
});
export type Question = z.infer<typeof Question>;

export interface AnswerLike {
  text: string;
  intent: string;
  conversationId: string;
  citations: Array<{ kind: string; id: string }>;
}

export interface Outcome {
  question: Question;
  passed: boolean;
  misses: string[];
  answer: AnswerLike | null;
  ms: number;
}

export function loadQuestions(file = join(projectRoot(), 'test', 'copilot', 'questions.yaml')): Question[] {
  return z.array(Question).parse(parse(readFileSync(file, 'utf8')));
}

/** What a question expected and the answer lacked; empty when it passed. */
export function missesOf(q: Question, a: AnswerLike): string[] {
  const misses: string[] = [];
  if (q.intent && a.intent !== q.intent) misses.push(`intent ${a.intent}, expected ${q.intent}`);
  const cited = new Set(a.citations.map((c) => `${c.kind}:${c.id}`));
  for (const want of q.cites) {
    const ok = want.endsWith(':*') ? a.citations.some((c) => c.kind === want.slice(0, -2)) : cited.has(want);
    if (!ok) misses.push(`no citation ${want}`);
  }
  for (const phrase of q.says) if (!a.text.toLowerCase().includes(phrase.toLowerCase())) misses.push(`text lacks "${phrase}"`);
  return misses;
}

/** Asks every question (conversations in order, sharing their conversation id) and scores the answers. */
export async function runEval(ask: (question: string, conversationId: string | null) => Promise<AnswerLike>, questions = loadQuestions()): Promise<Outcome[]> {
  const conversations = new Map<string, string>();
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const started = performance.now();
    try {
      const answer = await ask(question.q, question.conversation ? (conversations.get(question.conversation) ?? null) : null);
      if (question.conversation) conversations.set(question.conversation, answer.conversationId);
      const misses = missesOf(question, answer);
      outcomes.push({ question, passed: !misses.length, misses, answer, ms: performance.now() - started });
    } catch (e) {
      outcomes.push({ question, passed: false, misses: [`failed: ${e instanceof Error ? e.message : String(e)}`], answer: null, ms: performance.now() - started });
    }
  }
  return outcomes;
}

export function accuracy(outcomes: readonly Outcome[]): number {
  return outcomes.length ? outcomes.filter((o) => o.passed).length / outcomes.length : 0;
}

export function report(outcomes: readonly Outcome[]): string {
  const byIntent = new Map<string, { n: number; ok: number }>();
  for (const o of outcomes) {
    const k = o.question.intent ?? '(any)';
    const v = byIntent.get(k) ?? { n: 0, ok: 0 };
    v.n += 1;
    v.ok += o.passed ? 1 : 0;
    byIntent.set(k, v);
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const lines = [
    `copilot eval: ${outcomes.filter((o) => o.passed).length}/${outcomes.length} correct (${(accuracy(outcomes) * 100).toFixed(1)}%), answer time p50 ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, max ${ms[ms.length - 1]?.toFixed(0)} ms`,
    'per intent:',
    ...[...byIntent.entries()].sort().map(([k, v]) => `  ${k.padEnd(28)} ${v.ok}/${v.n}`),
  ];
  const missed = outcomes.filter((o) => !o.passed);
  if (missed.length) lines.push('misses:', ...missed.map((o) => `  "${o.question.q}" (${o.question.intent ?? 'any'}): ${o.misses.join('; ')}`));
  return lines.join('\n');
}
