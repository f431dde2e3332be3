import { parse } from 'csv-parse/sync';
import { WhohasError } from '../../src/errors';
import type { BundleBuilder, Where } from '../core/bundle-builder';
import { parseArn } from './arn';
import type { LastSeen } from './emit-principals';
import type { KeptRecords } from '../core/kept-records';
import { rejectedPrincipal, type IamModel } from './model';
import type { AwsIamOptions } from './options';
import type { ReportPayload } from './payloads';
import { awsTime, later } from './times';
import { examples } from './validate';

type Row = Record<string, string>;
const TIME_COLUMNS = ['user_creation_time', 'password_last_used', 'password_last_changed', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_2_last_rotated', 'access_key_2_last_used_date'];

/**
 * Credential report rows -> the password and active access keys each user holds, and the user's
 * last console sign-in. A user the authorization details lack is added to the model from its row
 * (the report is a list of the account's users too); the root account is only noted, as IAM
 * exports never contain it.
 */
export function readCredentialReports(
  reports: ReportPayload[],
  model: IamModel,
  options: AwsIamOptions,
  lastSeen: LastSeen,
  b: BundleBuilder,
  kept: KeptRecords,
): void {
  const fromReport: string[] = [];
  let inactiveKeys = 0;
  for (const { payload, csv } of reports) {
    for (const { row, line } of rows(payload.name, csv)) {
      const at: Where = { file: payload.name, line };
      const name = row.user?.trim();
      if (!name) {
        b.reject(at, 'user', 'the row has no user name');
        continue;
      }
      const times = checkTimes(row, (col, reason) => rejectRow(row, name, at, col, reason, model, options, b, kept));
      if (!times) continue;
      if (name === '<root_account>') {
        b.note(
          `credential report ${payload.name}: the root account row is not loaded (no root account in the export): ` +
            `password last used ${row.password_last_used ?? '?'}, MFA active ${row.mfa_active ?? '?'}, ` +
            `access key 1 active ${row.access_key_1_active ?? '?'}, access key 2 active ${row.access_key_2_active ?? '?'}`,
        );
        continue;
      }
      const account = row.arn ? parseArn(row.arn)?.account : undefined;
      if (account && /^\d{12}$/.test(account) && account !== model.acct) {
        b.reject(at, 'arn', `user ${name} belongs to account ${account}, not ${model.acct}`);
        continue;
      }
      let user = model.users.get(name.toLowerCase());
      const rejected = rejectedPrincipal(model, 'user', name);
      if (!user && rejected) {
        // Its element in the authorization details was rejected: the account is kept as loaded
        // before, not made anew from the report; its keys and password still load onto it.
        emitCredentials(row, rejected.id, times, at, b);
        continue;
      }
      if (!user) {
        const id = `aws:${model.acct}:user/${name}`;
        user = { type: 'user', name, id, arn: row.arn, at, field: 'user', createdAt: times.user_creation_time, policies: [], groups: [], fromReport: true };
        model.users.set(name.toLowerCase(), user);
        fromReport.push(name);
      }
      const holderId = user.id;
      const seen = later(lastSeen.get(holderId), times.password_last_used);
      if (seen) lastSeen.set(holderId, seen);
      inactiveKeys += emitCredentials(row, holderId, times, at, b);
    }
  }
  if (fromReport.length) {
    b.note(`${fromReport.length} credential-report user(s) are not in the authorization details (${examples(fromReport)}): loaded from the report, without groups or policies`);
  }
  if (inactiveKeys) b.note(`${inactiveKeys} inactive access key(s) in the credential report are not loaded: they cannot be used`);
}

/** The password and active access keys of a row; returns how many inactive keys were left out. */
function emitCredentials(row: Row, holderId: string, times: Record<string, string | undefined>, at: Where, b: BundleBuilder): number {
  let inactive = 0;
  if (row.password_enabled === 'true') {
    b.addOnce('credentials', { id: `${holderId}/password`, holderId, holderType: 'account', type: 'password', lastRotatedAt: times.password_last_changed, lastUsedAt: times.password_last_used }, at);
  }
  for (const n of [1, 2]) {
    const rotated = times[`access_key_${n}_last_rotated`];
    if (row[`access_key_${n}_active`] !== 'true') {
      if (rotated) inactive++;
      continue;
    }
    // AWS keys are never changed in place: "last rotated" is when this key was created.
    b.addOnce('credentials', { id: `${holderId}/access-key-${n}`, holderId, holderType: 'account', type: 'api_key', createdAt: rotated, lastRotatedAt: rotated, lastUsedAt: times[`access_key_${n}_last_used_date`] }, at);
  }
  return inactive;
}

/**
 * A row rejected for a bad time still names its user: the credentials it would give are named so a
 * full run keeps them, and a user the report alone supplies keeps its account (and identity) too.
 * The root account and other accounts' users are never loaded, so they name nothing.
 */
function rejectRow(row: Row, name: string, at: Where, col: string, reason: string, model: IamModel, options: AwsIamOptions, b: BundleBuilder, kept: KeptRecords): void {
  const account = row.arn ? parseArn(row.arn)?.account : undefined;
  if (name === '<root_account>' || (account && /^\d{12}$/.test(account) && account !== model.acct)) return b.reject(at, col, reason);
  const known = model.users.get(name.toLowerCase()) ?? rejectedPrincipal(model, 'user', name);
  const holderId = known?.id ?? `aws:${model.acct}:user/${name}`;
  const named: Array<{ entity: 'accounts' | 'identities' | 'credentials'; id: string }> = [];
  if (!known) {
    named.push({ entity: 'accounts', id: holderId });
    if (options.identities === 'create') named.push({ entity: 'identities', id: holderId });
  }
  if (row.password_enabled === 'true') named.push({ entity: 'credentials', id: `${holderId}/password` });
  for (const n of [1, 2]) if (row[`access_key_${n}_active`] === 'true') named.push({ entity: 'credentials', id: `${holderId}/access-key-${n}` });
  const [first, ...rest] = named;
  if (!first) return b.reject(at, col, reason);
  b.reject(at, col, reason, { id: first.id }, first.entity);
  for (const r of rest) kept.node(r.entity, r.id, at, col, `its credential report row was rejected (${at.file}:${at.line})`);
}

function rows(file: string, csv: string): { row: Row; line: number }[] {
  try {
    const parsed = parse(csv, { columns: true, skip_empty_lines: true, info: true }) as { record: Row; info: { lines: number } }[];
    return parsed.map((p) => ({ row: p.record, line: p.info.lines }));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file}: the credential report is not valid CSV${line ? ` at line ${line}` : ''}: ${(e as Error).message}`, { file, line });
  }
}

/** Every time cell of a row, converted; a cell that is not a time rejects the row, naming the column. */
function checkTimes(row: Row, reject: (col: string, reason: string) => void): Record<string, string | undefined> | null {
  const out: Record<string, string | undefined> = {};
  for (const col of TIME_COLUMNS) {
    const t = awsTime(row[col]);
    if (t === null) {
      reject(col, `'${row[col]}' is not a time (nor N/A, no_information or not_supported)`);
      return null;
    }
    out[col] = t;
  }
  return out;
}
