import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received: the chat completion body the real client sent. */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: Array<{ function: { name: string; arguments: string } }>; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description: string; parameters: unknown } }>;
  stream?: boolean;
}

export interface ScriptedTurn {
  content?: string | null;
  toolCalls?: Array<{ name: string; args: unknown }>;
}

/** Decides the model's next message from what the client sent (e.g. reads ids out of tool results). */
export type Script = (req: ChatRequest, callIndex: number) => ScriptedTurn;

export interface FakeOpenAI {
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat completions endpoint on loopback that answers from a script, so the real
 * @langchain/openai client (HTTP, JSON, tool-call parsing) runs end to end without a model.
 */
export async function startFakeOpenAI(script: Script, opts: { failWith?: number } = {}): Promise<FakeOpenAI> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      if (opts.failWith) {
        res.writeHead(opts.failWith, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      const parsed = JSON.parse(body) as ChatRequest;
      requests.push(parsed);
      const turn = script(parsed, requests.length - 1);
      const toolCalls = (turn.toolCalls ?? []).map((c, i) => ({ id: `call_${requests.length}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: parsed.model,
        choices: [{ index: 0, message: { role: 'assistant', content: turn.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The JSON a tool returned, from the last tool message of a request. */
export function lastToolResult(req: ChatRequest): any {
  const msg = [...req.messages].reverse().find((m) => m.role === 'tool');
  return msg ? JSON.parse(String(msg.content)) : null;
}
