// Talks to the whohas server: GraphQL, the copilot's event stream, and console links.
// The API key typed in the header goes with every request as `Authorization: Bearer <key>`.

const base = document.documentElement.dataset.base || '';
export const KEY_STORAGE = 'whohas:apiKey';

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function apiKey() {
  try { return (localStorage.getItem(KEY_STORAGE) || '').trim(); } catch { return ''; }
}

export function authHeaders() {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

export function link(page, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')).toString();
  return `${base}/console/${page}${q ? '?' + q : ''}`;
}

export const identityLink = (id) => link('identity', { id });

async function failure(res) {
  try {
    const body = await res.json();
    const e = body.errors && body.errors[0];
    if (e) return new ApiError((e.extensions && e.extensions.code) || `HTTP_${res.status}`, e.message);
    if (body.code) return new ApiError(body.code, body.message || `The server answered ${res.status}`);
    // Authentication and role refusals outside /graphql (src/auth/middleware.ts).
    if (body.error && body.error.code) return new ApiError(body.error.code, body.error.message || `The server answered ${res.status}`);
  } catch { /* not JSON: fall through */ }
  return new ApiError(`HTTP_${res.status}`, `The server answered ${res.status}`);
}

export async function gql(query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  if (!(res.headers.get('content-type') || '').includes('json')) throw await failure(res);
  const body = await res.json();
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    throw new ApiError((e.extensions && e.extensions.code) || 'ERROR', e.message);
  }
  if (!res.ok) throw new ApiError(`HTTP_${res.status}`, `The server answered ${res.status}`);
  return body.data;
}

/** Server-sent events from a fetch body: yields { event, data } as each blank-line-terminated block arrives. */
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
    buffer = done ? '' : blocks.pop();
    for (const block of blocks) {
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) yield { event, data: data.join('\n') };
    }
    if (done) return;
  }
}

/**
 * POST /copilot/ask: calls onDelta(text) for each streamed chunk and resolves with the final
 * CopilotAnswer; rejects with an ApiError for an `error` event or a stream that ends without an answer.
 */
export async function askCopilot(question, conversationId, onDelta) {
  const res = await fetch(`${base}/copilot/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
    body: JSON.stringify(conversationId ? { question, conversationId } : { question }),
  });
  if (!res.ok || !(res.headers.get('content-type') || '').includes('text/event-stream')) throw await failure(res);
  for await (const { event, data } of events(res.body)) {
    const payload = JSON.parse(data);
    if (event === 'delta') onDelta(payload.text || '');
    else if (event === 'answer') return payload;
    else if (event === 'error') throw new ApiError(payload.code || 'ERROR', payload.message || 'The copilot failed');
  }
  throw new ApiError('STREAM_ENDED', 'The answer stream ended without an answer');
}
