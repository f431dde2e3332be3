import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { BundleBuilder, type Where } from '../core/bundle-builder';
import { attributeAwsCall } from './aws-attribution';
import type { Mapped } from './cloudtrail-event';
import { indexIamExport, isIamExport, type IamIndex } from './iam-export';
import type { AwsUsageOptions } from './options';
import { eventsOf, parsePayload, unwrapLabelled, type ParsedPayload } from './payload-events';
import { UsageTally, type UsageStats } from './usage-tally';

export interface AwsLogFormat {
  /** Connector format, used in notes and the default source name. */
  label: string;
  /** The label Panther puts on rows of this format. */
  logType: string;
  /** Wrapper key holding an array of events (CloudTrail's `Records`). */
  container?: string;
  toCall(event: unknown, where: Where): Mapped | { skip: string };
}

/**
 * The transform shared by the AWS log connectors: IAM exports among the payloads are indexed first,
 * then every event is mapped, attributed and tallied. Pure: payloads and options in, records out.
 */
export function transformAwsLog(
  format: AwsLogFormat,
  payloads: Payload[],
  options: AwsUsageOptions,
  ctx: TransformContext,
): { result: TransformResult; stats: UsageStats } {
  const builder = new BundleBuilder({ source: format.label, mode: 'incremental', exportedAt: ctx.now.toISOString() });
  const tally = new UsageTally(builder, options.aggregate);
  const iam: IamIndex = new Map();
  const logs: ParsedPayload[] = [];
  for (const payload of payloads) {
    const parsed = parsePayload(payload, (line, reason) => tally.reject({ file: payload.name, line }, null, reason));
    if ('json' in parsed && isIamExport(parsed.json)) for (const n of indexIamExport(parsed.json, payload.name, iam)) builder.note(n);
    else logs.push(parsed);
  }
  if (options.iamExport && !iam.size) builder.note(`${format.label}: iamExport was given but held no usable IAM export`);

  const accounts = new Set<string>();
  for (const parsed of logs) {
    for (const { line, value } of eventsOf(parsed, format.container)) {
      const where = { file: parsed.payload.name, line };
      const unwrapped = unwrapLabelled(value, format.logType);
      if ('skip' in unwrapped) {
        tally.count('skipped', unwrapped.skip);
        continue;
      }
      const mapped = format.toCall(unwrapped.event, where);
      if ('skip' in mapped) tally.count('skipped', mapped.skip);
      else if ('reject' in mapped) tally.reject(where, mapped.reject.field, mapped.reject.reason);
      else {
        if (mapped.logAccount) accounts.add(mapped.logAccount);
        attributeAwsCall(mapped.call, options, iam, tally);
      }
    }
  }
  tally.flush();
  for (const line of tally.summary(format.label)) builder.note(line);
  const result = builder.result();
  return { result: { ...result, source: { ...result.source, source: sourceName(format.label, accounts) } }, stats: tally.stats() };
}

/**
 * `<format>:<account>` for the log of one AWS account (stable across runs of a job), else
 * `<format>:multi-account`. Accounts that cannot appear in a source name are left out.
 */
function sourceName(label: string, accounts: Set<string>): string {
  const usable = [...accounts].filter((a) => /^[A-Za-z0-9_.-]+$/.test(a));
  if (usable.length === 1) return `${label}:${usable[0]}`;
  return `${label}:${usable.length ? 'multi-account' : 'no-account'}`;
}
