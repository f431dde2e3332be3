import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { createContext, type AppServices } from '../../graphql/context';
import { MAX_QUESTION } from '../../copilot/copilot';
import { principalOf } from '../auth/middleware';
import { isWhohasError } from '../errors';

const AskBody = z.strictObject({
  question: z.string().trim().min(1, 'question must not be empty').max(MAX_QUESTION, `question must be at most ${MAX_QUESTION} characters`),
  conversationId: z.string().max(100).nullish(),
});

const USER_FACING = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'STALE_GRAPH', 'AUDIT_LOG_UNAVAILABLE']);

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * POST /copilot/ask: the chat page's streaming answer (server-sent events). `delta` events carry the
 * text as it is released (only after its citations are checked), then one `answer` with the whole
 * CopilotAnswer, or one `error` with a stable code; then the stream ends.
 */
/** Mount after `authenticate`, behind `requireRole(...COPILOT_USERS)` (src/server/app.ts). */
export function copilotRouter(services: AppServices): Router {
  const router = Router();
  router.post('/copilot/ask', express.json({ limit: '64kb' }), async (req: Request, res: Response) => {
    const body = AskBody.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      res.status(400).json({ errors: [{ message: `${issue.path.join('.') || 'body'}: ${issue.message}`, extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    const principal = principalOf(res);
    if (!principal) throw new Error('/copilot mounted without the authenticate middleware');
    const ctx = createContext(services, principal);
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    try {
      const answer = await services.copilot.ask(ctx, body.data.question, body.data.conversationId, (text) => send(res, 'delta', { text }));
      send(res, 'answer', answer);
    } catch (e) {
      if (isWhohasError(e) && USER_FACING.has(e.code)) send(res, 'error', { code: e.code, message: e.message });
      else {
        console.error(`[whohas] copilot: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        send(res, 'error', { code: isWhohasError(e) ? e.code : 'INTERNAL_SERVER_ERROR', message: 'Internal error; the server log has the details' });
      }
    }
    res.end();
  });
  return router;
}
