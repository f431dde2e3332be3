import type { Connector, Payload, Probe, TransformContext, TransformResult } from '../core/connector';
import { BundleBuilder } from '../core/bundle-builder';
import { tallyOktaEvent } from './okta-event';
import { OktaLogOptions } from './options';
import { eventsOf, parsePayload, unwrapLabelled } from './payload-events';
import { readLogFiles } from './read-logs';
import { UsageTally, type UsageStats } from './usage-tally';

const FILES = /\.(json|ndjson|jsonl)(\.gz)?$/i;

export function looksLikeOktaLog(probe: Probe): boolean {
  return [...probe.heads.values()].some(
    (head) =>
      !/"class_uid"/.test(head) &&
      (/"Okta\.SystemLog"/.test(head) || (/"event[Tt]ype"\s*:\s*"[a-z]+(\.[a-z0-9_]+)+"/.test(head) && /"published"/.test(head) && /"actor"/.test(head))),
  );
}

/** Pure: System Log events in, usage records out; with the tally for tests and notes. */
export function transformOktaLog(payloads: Payload[], options: OktaLogOptions, ctx: TransformContext): { result: TransformResult; stats: UsageStats } {
  const builder = new BundleBuilder({ source: `okta-log:${options.oktaOrg}`, mode: 'incremental', exportedAt: ctx.now.toISOString() });
  const tally = new UsageTally(builder, options.aggregate);
  for (const payload of payloads) {
    const parsed = parsePayload(payload, (line, reason) => tally.reject({ file: payload.name, line }, null, reason));
    for (const { line, value } of eventsOf(parsed)) {
      const where = { file: payload.name, line };
      const unwrapped = unwrapLabelled(value, 'Okta.SystemLog');
      if ('skip' in unwrapped) tally.count('skipped', unwrapped.skip);
      else tallyOktaEvent(unwrapped.event, where, options, tally);
    }
  }
  tally.flush();
  for (const line of tally.summary('okta-log')) builder.note(line);
  return { result: builder.result(), stats: tally.stats() };
}

/** Okta System Log (`/api/v1/logs` JSON arrays, NDJSON exports) -> usage of app assignments. */
export const oktaLogConnector: Connector<OktaLogOptions> = {
  format: 'okta-log',
  description: 'Okta System Log events (JSON array or NDJSON) -> usage of Okta apps by Okta users (options.oktaOrg required)',
  options: OktaLogOptions,
  defaultMode: 'incremental',
  detect: looksLikeOktaLog,
  get: (location, _options, ctx) => readLogFiles(location, FILES, ctx),
  transform: (payloads, options, ctx) => transformOktaLog(payloads, options, ctx).result,
};
