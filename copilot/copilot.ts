import type { RequestContext } from '../graphql/context';
import type { CopilotAnswer } from './answer';
import { ConversationStore } from './conversation';
import { entityDirectory } from './directory/directory';
import { EvidenceLedger } from './evidence';
import type { Draft, Turn } from './intents/turn';
import type { LlmAgent } from './llm/agent';
import { answerByRules } from './rules-engine';
import { route } from './router/route';
import { WhohasError } from '../src/errors';

export const MAX_QUESTION = 2000;

/**
 * The copilot: a question in, a grounded answer out. Without a language model the question form decides
 * the tools (answerByRules); with one, the model picks among the same read-only tools. Either way every
 * citation in the answer must be something a tool returned during this question.
 */
export class Copilot {
  readonly conversations = new ConversationStore();

  constructor(private readonly llm: LlmAgent | null = null) {}

  async ask(ctx: RequestContext, question: string, conversationId?: string | null, onText?: (chunk: string) => void): Promise<CopilotAnswer> {
    const q = question.trim();
    if (!q) throw new WhohasError('BAD_USER_INPUT', "Argument 'question' must not be empty");
    if (q.length > MAX_QUESTION) throw new WhohasError('BAD_USER_INPUT', `Argument 'question' is longer than ${MAX_QUESTION} characters`);
    const convo = this.conversations.open(conversationId, ctx.client.id);
    const turn: Turn = { ctx, dir: await entityDirectory(ctx.store), memory: convo.memory, ledger: new EvidenceLedger(), routed: route(q), question: q };
    const draft: Draft & { mode?: 'llm' | 'rules' } = this.llm ? await this.llm.answer(turn) : await answerByRules(turn);
    convo.memory.turns += 1;
    convo.memory.lastIntent = draft.intent;
    const { kept } = turn.ledger.check(draft.citations);
    // Text leaves only after its citations are checked, so a stream never shows an unchecked claim.
    if (onText) for (const chunk of chunks(draft.text)) onText(chunk);
    return { text: draft.text, citations: kept, followUps: draft.followUps.slice(0, 5), conversationId: convo.id, intent: draft.intent, mode: draft.mode ?? 'rules' };
  }
}

/** Sentence-sized pieces, so a chat page shows the answer arriving rather than all at once. */
export function chunks(text: string): string[] {
  return text.match(/[^\n.!?]+[.!?]?\s*|\n/g) ?? [text];
}
