import type { Connector, Probe } from '../core/connector';
import { transformAwsLog, type AwsLogFormat } from './aws-log-transform';
import { getAwsLogs } from './aws-get';
import { cloudTrailCall } from './cloudtrail-event';
import { AwsUsageOptions } from './options';

/** Digest files (`*_CloudTrail-Digest_*`) sit beside the logs in S3 and hold hashes, not events. */
const FILES = /^(?!.*_CloudTrail-Digest_).*\.(json|ndjson|jsonl)(\.gz)?$/i;

export const CLOUDTRAIL: AwsLogFormat = { label: 'cloudtrail', logType: 'AWS.CloudTrail', container: 'Records', toCall: cloudTrailCall };

/** What S3 delivery names a trail's files: `<acct>_CloudTrail_<region>_<time>_<id>.json.gz`. */
const DELIVERED = /^\d{12}_CloudTrail_[a-z0-9-]+_\d{8}T\d{4}Z_\w+\.json(\.gz)?$/;
const EVENT_SOURCE = /"eventsource"\s*:\s*"[a-z0-9.-]+\.amazonaws\.com"/i;

export function looksLikeCloudTrail(probe: Probe): boolean {
  if (probe.names.some((n) => DELIVERED.test(n))) return true;
  return [...probe.heads.values()].some((head) => EVENT_SOURCE.test(head) && /"eventname"/i.test(head) && !/"class_uid"/.test(head));
}

/** AWS CloudTrail logs (`{"Records": [...]}` files, gzipped or not, or NDJSON of events) -> usage. */
export const cloudtrailConnector: Connector<AwsUsageOptions> = {
  format: 'cloudtrail',
  description: 'AWS CloudTrail logs (Records files, .json.gz, NDJSON) -> usage of policies (with an IAM export) or action entitlements',
  options: AwsUsageOptions,
  pathOptions: ['iamExport'],
  defaultMode: 'incremental',
  detect: looksLikeCloudTrail,
  get: (location, options, ctx) => getAwsLogs(location, FILES, options, ctx),
  transform: (payloads, options, ctx) => transformAwsLog(CLOUDTRAIL, payloads, options, ctx).result,
};
