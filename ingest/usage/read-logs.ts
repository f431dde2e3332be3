import type { GetContext, Payload } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';

/** `get` for log connectors: the shared file reader (gzip included), with log-file wording. */
export function readLogFiles(location: string, include: RegExp, ctx: Pick<GetContext, 'maxFileBytes'>, prefix = ''): Promise<Payload[]> {
  return readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (n) => include.test(n), prefix, what: `log files (looked for ${include.source})` });
}
