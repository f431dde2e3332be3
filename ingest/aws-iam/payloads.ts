import { WhohasError } from '../../src/errors';
import type { Payload } from '../core/connector';
import { parseJsonPayload } from '../core/payload-files';
import { RISKY_PREFIX } from './risk';

const AUTHZ_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const REPORT_HEADER = /^user,arn,/;

export interface AuthzPayload {
  payload: Payload;
  lists: Record<(typeof AUTHZ_KEYS)[number], unknown[]>;
  truncated: boolean;
}
export interface ReportPayload {
  payload: Payload;
  csv: string;
}
export interface LastAccessedPayload {
  payload: Payload;
  entries: unknown[];
}
export interface Classified {
  authz: AuthzPayload[];
  reports: ReportPayload[];
  lastAccessed: LastAccessedPayload[];
  lists: Payload[];
}

/** Sorts the fetched files into the three AWS outputs this connector reads (plus the risk lists). */
export function classify(payloads: Payload[]): Classified {
  const out: Classified = { authz: [], reports: [], lastAccessed: [], lists: [] };
  for (const payload of payloads) {
    if (payload.name.startsWith(RISKY_PREFIX)) out.lists.push(payload);
    else if (/\.csv$/i.test(payload.name)) out.reports.push({ payload, csv: reportCsv(payload, payload.text) });
    else classifyJson(payload, out);
  }
  if (!out.authz.length) {
    throw new WhohasError(
      'BUNDLE_NOT_FOUND',
      `No output of 'aws iam get-account-authorization-details' among ${payloads.filter((p) => !p.name.startsWith(RISKY_PREFIX)).map((p) => p.name).join(', ') || 'the input'}: it is the export this connector maps; the credential report and service-last-accessed files only add to it`,
    );
  }
  return out;
}

function classifyJson(payload: Payload, out: Classified): void {
  const data = parseJsonPayload(payload);
  const obj = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (obj && AUTHZ_KEYS.some((k) => k in obj)) {
    const lists = {} as AuthzPayload['lists'];
    for (const key of AUTHZ_KEYS) {
      const v = obj[key] ?? [];
      if (!Array.isArray(v)) throw unreadable(payload, `${key} must be a JSON array, not ${typeof v}`);
      lists[key] = v;
    }
    out.authz.push({ payload, lists, truncated: obj.IsTruncated === true });
  } else if (obj && typeof obj.Content === 'string') {
    out.reports.push({ payload, csv: reportCsv(payload, obj.Content) });
  } else if (obj && Array.isArray(obj.ServicesLastAccessed)) {
    out.lastAccessed.push({ payload, entries: obj.ServicesLastAccessed });
  } else {
    throw new WhohasError(
      'FORMAT_UNKNOWN',
      `${payload.name} is not an AWS IAM export this connector reads: expected the JSON of 'aws iam get-account-authorization-details' ` +
        `(UserDetailList, GroupDetailList, RoleDetailList, Policies), 'get-credential-report' (Content) or 'get-service-last-accessed-details' (ServicesLastAccessed)`,
      { file: payload.name },
    );
  }
}

/** The report's CSV: the API returns it base64-encoded; some tools store it decoded. */
function reportCsv(payload: Payload, content: string): string {
  const text = content.replace(/^\uFEFF/, '').trim();
  if (REPORT_HEADER.test(text)) return text;
  const decoded = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, 'base64').toString('utf8').replace(/^\uFEFF/, '') : '';
  if (REPORT_HEADER.test(decoded)) return decoded;
  throw unreadable(payload, "is not an IAM credential report (its CSV must start with 'user,arn,')");
}

function unreadable(payload: Payload, message: string): WhohasError {
  return new WhohasError('BUNDLE_FILE_UNREADABLE', `${payload.name}: ${message}`, { file: payload.name });
}
