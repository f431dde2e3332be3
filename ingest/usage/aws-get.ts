import type { GetContext, Payload } from '../core/connector';
import type { AwsUsageOptions } from './options';
import { readLogFiles } from './read-logs';

/** The log files, then the IAM exports (named `iamExport:<file>` so messages say which is which). */
export async function getAwsLogs(location: string, include: RegExp, options: AwsUsageOptions, ctx: GetContext): Promise<Payload[]> {
  const payloads = await readLogFiles(location, include, ctx);
  const exports = options.iamExport === undefined ? [] : Array.isArray(options.iamExport) ? options.iamExport : [options.iamExport];
  for (const path of exports) payloads.push(...(await readLogFiles(path, /\.json(\.gz)?$/i, ctx, 'iamExport:')));
  return payloads;
}
