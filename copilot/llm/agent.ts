import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { CITATION_KINDS } from '../answer';
import type { Draft, Turn } from '../intents/turn';
import { answerByRules } from '../rules-engine';
import { TOOLS, type Tool } from '../tools/catalog';
import type { LlmConfig } from './llm-config';
import { SYSTEM_PROMPT } from './prompt';
import { sanitizeModelText } from './sanitize';

/** The one thing a chat model needs to do here: answer a list of messages, possibly with tool calls. */
export interface ChatModel {
  invoke(messages: BaseMessage[]): Promise<AIMessage>;
}

const FinalAnswer = z.strictObject({
  text: z.string().min(1).max(8000),
  citations: z.array(z.object({ kind: z.enum(CITATION_KINDS), id: z.string().min(1).max(1024) })).max(200).default([]),
  followUps: z.array(z.string().max(300)).max(5).default([]),
});

const FINAL_TOOL = {
  type: 'function' as const,
  function: { name: 'final_answer', description: 'Give the answer to the user, with the citations it relies on.', parameters: z.toJSONSchema(FinalAnswer, { io: 'input' }) },
};

/** How much of one tool result the model sees; the rest is summarised by counts in the data itself. */
const MAX_TOOL_RESULT = 12_000;
const MAX_TOOL_CALLS = 12;

function toolSpec(t: Tool) {
  return { type: 'function' as const, function: { name: t.name, description: t.description, parameters: z.toJSONSchema(t.args, { io: 'input' }) } };
}

/**
 * A tool-calling agent over the copilot's read-only tools. Which tools it may call is fixed by the
 * asker's question before any graph text is read (simulate only for a what-if question), so text in
 * the graph cannot widen it; tool results reach the model only as tool messages; its final answer is
 * validated, stripped of links and markup, and its citations kept only if a tool returned them.
 * When the model fails or never answers, the rules answer the question instead.
 */
export class LlmAgent {
  private readonly model: { bindTools(tools: unknown[]): ChatModel } | ((tools: unknown[]) => ChatModel);

  constructor(private readonly cfg: LlmConfig, model?: (tools: unknown[]) => ChatModel) {
    this.model = model ?? new ChatOpenAI({
      apiKey: cfg.apiKey,
      model: cfg.model,
      temperature: 0,
      maxRetries: 1,
      timeout: cfg.timeoutMs,
      configuration: cfg.baseURL ? { baseURL: cfg.baseURL } : undefined,
    }) as unknown as { bindTools(tools: unknown[]): ChatModel };
  }

  private bind(tools: unknown[]): ChatModel {
    return typeof this.model === 'function' ? this.model(tools) : this.model.bindTools(tools);
  }

  /** The tools this question may use: decided by the question alone. */
  static allowedTools(turn: Turn): Tool[] {
    const whatIf = turn.routed.intent.startsWith('what_if_');
    return TOOLS.filter((t) => t.name !== 'simulate' || whatIf);
  }

  async answer(turn: Turn, log: (msg: string) => void = (m) => console.warn(m)): Promise<Draft & { mode: 'llm' | 'rules' }> {
    const allowed = new Map(LlmAgent.allowedTools(turn).map((t) => [t.name, t]));
    const model = this.bind([...[...allowed.values()].map(toolSpec), FINAL_TOOL]);
    const memory = [turn.memory.identityId && `identity ${turn.memory.identityId}`, turn.memory.entitlementId && `entitlement ${turn.memory.entitlementId}`].filter(Boolean);
    const messages: BaseMessage[] = [
      new SystemMessage(SYSTEM_PROMPT),
      new HumanMessage(memory.length ? `${turn.question}\n\n(Earlier in this conversation: ${memory.join(', ')}.)` : turn.question),
    ];
    let calls = 0;
    try {
      for (let step = 0; step < this.cfg.maxSteps; step++) {
        const reply = await model.invoke(messages);
        messages.push(reply);
        const toolCalls = reply.tool_calls ?? [];
        if (!toolCalls.length) break;
        for (const call of toolCalls) {
          const id = call.id ?? `call-${calls}`;
          if (call.name === 'final_answer') {
            const parsed = FinalAnswer.safeParse(call.args);
            if (parsed.success) return this.finish(turn, parsed.data);
            messages.push(new ToolMessage({ tool_call_id: id, content: `final_answer rejected: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}` }));
            continue;
          }
          calls += 1;
          messages.push(new ToolMessage({ tool_call_id: id, content: await this.runTool(turn, allowed, call.name, call.args, calls) }));
        }
      }
      log('[whohas] copilot: the model gave no valid final answer; answered by rules instead');
    } catch (e) {
      log(`[whohas] copilot: the language model failed (${e instanceof Error ? e.message : String(e)}); answered by rules instead`);
    }
    return { ...(await answerByRules(turn)), mode: 'rules' };
  }

  private async runTool(turn: Turn, allowed: Map<string, Tool>, name: string, args: unknown, calls: number): Promise<string> {
    if (calls > MAX_TOOL_CALLS) return JSON.stringify({ error: `tool budget of ${MAX_TOOL_CALLS} calls used up; give your final_answer now` });
    const tool = allowed.get(name);
    if (!tool) return JSON.stringify({ error: `tool '${name.slice(0, 60)}' is not available for this question` });
    const parsed = tool.args.safeParse(args);
    if (!parsed.success) return JSON.stringify({ error: `invalid arguments: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}` });
    try {
      const result = await tool.run(turn.ctx, parsed.data);
      turn.ledger.add(...result.citations);
      const json = JSON.stringify({ untrustedGraphData: result.data });
      return json.length > MAX_TOOL_RESULT ? `${json.slice(0, MAX_TOOL_RESULT)}… (truncated)` : json;
    } catch (e) {
      const code = (e as { code?: string }).code;
      return JSON.stringify({ error: code && code !== 'INTERNAL' ? `${code}: ${(e as Error).message}` : 'the tool failed' });
    }
  }

  private finish(turn: Turn, a: z.infer<typeof FinalAnswer>): Draft & { mode: 'llm' } {
    const { text, removed } = sanitizeModelText(a.text);
    const { kept, dropped } = turn.ledger.check(a.citations);
    const notes = [
      removed ? `${removed === 1 ? 'A link or markup was' : `${removed} links or markup were`} removed from this answer.` : '',
      dropped.length ? `${dropped.length === 1 ? 'One citation was' : `${dropped.length} citations were`} removed: the tools never returned ${dropped.map((d) => d.id.slice(0, 80)).join(', ')}.` : '',
    ].filter(Boolean);
    return {
      intent: turn.routed.intent,
      text: notes.length ? `${text}\n\n(${notes.join(' ')})` : text,
      citations: kept,
      followUps: a.followUps.map((f) => sanitizeModelText(f, 300).text),
      mode: 'llm',
    };
  }
}
