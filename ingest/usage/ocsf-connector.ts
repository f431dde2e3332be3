import type { Connector, Probe } from '../core/connector';
import { transformAwsLog, type AwsLogFormat } from './aws-log-transform';
import { getAwsLogs } from './aws-get';
import { ocsfCall } from './ocsf-event';
import { AwsUsageOptions } from './options';

/** `.json5` is read (and refused if it is not JSON) rather than silently left out of a folder. */
const FILES = /\.(json|json5|ndjson|jsonl)(\.gz)?$/i;

export const OCSF: AwsLogFormat = { label: 'ocsf', logType: 'OCSF', toCall: ocsfCall };

export function looksLikeOcsf(probe: Probe): boolean {
  return [...probe.heads.values()].some((head) => /"class_uid"\s*:\s*\d+/.test(head));
}

/** OCSF API Activity / Authentication events from AWS (e.g. Security Lake, CloudTrail mapped to OCSF) -> usage. */
export const ocsfConnector: Connector<AwsUsageOptions> = {
  format: 'ocsf',
  description: 'OCSF events (API Activity 6003, Authentication 3002) from AWS -> usage, attributed as for CloudTrail',
  options: AwsUsageOptions,
  pathOptions: ['iamExport'],
  defaultMode: 'incremental',
  detect: looksLikeOcsf,
  get: (location, options, ctx) => getAwsLogs(location, FILES, options, ctx),
  transform: (payloads, options, ctx) => transformAwsLog(OCSF, payloads, options, ctx).result,
};
