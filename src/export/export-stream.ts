import type { Writable } from 'node:stream';
import { z } from 'zod';
import { WhohasError, errorMessage, isWhohasError } from '../errors';
import { ENTITY_FILES, type EntityFile } from '../../ingest/bundle/records';
import type { ExportSink, ExportSummary } from './export-graph';

/**
 * The export over HTTP (`GET /admin/export`), for when a server holds the embedded store and the CLI
 * cannot open it. NDJSON, one message a line:
 *   {"begin":1}                                  start (again): drop what came before
 *   {"file":"identities","record":{...}}         one record of one bundle file
 *   {"done":{...ExportSummary}}                  complete; nothing after it
 *   {"error":{"code":"...","message":"..."}}    failed; nothing after it
 * The status is 200 before the first record is known to exist, so failure is said in-band, and a
 * stream that ends without `done` is a failed export, never a short one.
 */
const Message = z.union([
  z.strictObject({ begin: z.number().int().positive() }),
  z.strictObject({ file: z.enum(ENTITY_FILES as [EntityFile, ...EntityFile[]]), record: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    done: z.object({
      source: z.strictObject({ source: z.string().min(1), mode: z.literal('full'), exportedAt: z.string().min(1) }),
      counts: z.record(z.string(), z.number().int().nonnegative()),
      graphVersion: z.string(),
      sources: z.array(z.string()),
      attempts: z.number().int().positive(),
    }),
  }),
  z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);

/** Server side: the sink that turns export progress into lines on the response. */
export class HttpExportSink implements ExportSink {
  private closed = false;
  constructor(private readonly out: Writable) {
    out.once('close', () => {
      this.closed = true;
    });
  }

  begin(attempt: number): Promise<void> {
    return this.send({ begin: attempt });
  }
  write(entity: EntityFile, record: Record<string, unknown>): Promise<void> {
    return this.send({ file: entity, record });
  }
  finish(summary: ExportSummary): Promise<void> {
    return this.send({ done: summary });
  }
  fail(e: unknown): Promise<void> {
    const error = isWhohasError(e) ? { code: e.code, message: e.message } : { code: 'EXPORT_FAILED', message: 'The export failed on the server' };
    return this.send({ error });
  }

  private async send(message: object): Promise<void> {
    // A client that went away stops the export instead of it reading the whole graph for no one.
    if (this.closed || this.out.destroyed) throw new WhohasError('EXPORT_FAILED', 'The client closed the export stream');
    if (!this.out.write(JSON.stringify(message) + '\n')) {
      await new Promise<void>((done) => {
        const settle = () => {
          this.out.off('drain', settle);
          this.out.off('close', settle);
          done();
        };
        this.out.once('drain', settle).once('close', settle);
      });
    }
  }
}

/** Client side: replays a stream into a sink (a bundle folder); resolves with the server's summary. */
export async function replayExportStream(body: AsyncIterable<Uint8Array>, sink: ExportSink): Promise<ExportSummary> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const summary = await replayLine(line, sink);
      if (summary) return summary;
    }
  }
  throw new WhohasError('EXPORT_FAILED', 'The server closed the export stream before it was complete; nothing was written');
}

async function replayLine(line: string, sink: ExportSink): Promise<ExportSummary | null> {
  let parsed;
  try {
    parsed = Message.safeParse(JSON.parse(line));
  } catch (e) {
    throw new WhohasError('EXPORT_FAILED', `The export stream holds a line that is not JSON: ${errorMessage(e)}`);
  }
  if (!parsed.success) throw new WhohasError('EXPORT_FAILED', 'The export stream holds a message this version does not know');
  const m = parsed.data;
  if ('begin' in m) await sink.begin(m.begin);
  else if ('file' in m) await sink.write(m.file, m.record);
  else if ('error' in m) throw new WhohasError(isKnownCode(m.error.code) ? m.error.code : 'EXPORT_FAILED', m.error.message);
  else {
    const summary = m.done as ExportSummary;
    await sink.finish(summary);
    return summary;
  }
  return null;
}

function isKnownCode(code: string): code is 'EXPORT_CONFLICT' | 'STORE_UNAVAILABLE' | 'ROW_SHAPE_INVALID' | 'BAD_USER_INPUT' {
  return ['EXPORT_CONFLICT', 'STORE_UNAVAILABLE', 'ROW_SHAPE_INVALID', 'BAD_USER_INPUT'].includes(code);
}
