import { WhohasError } from '../../src/errors';
import type { Payload } from '../core/connector';
import type { BundleBuilder, Where } from '../core/bundle-builder';
import { parseJsonPayload } from '../core/payload-files';
import { Envelope, MAPPED_TYPES, SHARPHOUND_TYPES, type MappedType } from './schema';

/** One element of a mapped file's `data`, not yet validated. */
export interface RawObject {
  type: MappedType;
  value: unknown;
  at: Where;
  /** 0-based position in `data`, for field paths a user can paste into jq. */
  index: number;
  /** File-name prefix shared by one SharpHound run (`20240305110018`); '' when there is none. */
  collection: string;
}

export interface ReadCollection {
  objects: RawObject[];
  /** What the files hold that this connector does not map, by kind, for the run notes. */
  outOfScope: Map<string, number>;
}

/** SharpHound names files `<prefix>_<type>.json`; the prefix is the collection's timestamp. */
export function collectionOf(fileName: string): string {
  const m = /^(.*)_[^_]+\.json$/i.exec(fileName);
  return m ? m[1] : '';
}

export function readCollection(payloads: Payload[], b: BundleBuilder): ReadCollection {
  const objects: RawObject[] = [];
  const outOfScope = new Map<string, number>();
  const tally = (kind: string, n: number) => n && outOfScope.set(kind, (outOfScope.get(kind) ?? 0) + n);
  for (const payload of payloads) {
    const parsed = Envelope.safeParse(parseJsonPayload(payload));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WhohasError(
        'BUNDLE_FILE_UNREADABLE',
        `${payload.name} is not a SharpHound/BloodHound JSON file: expected {"data": [...], "meta": {"type": ...}}, ` +
          `but '${issue.path.join('.') || '(top level)'}' ${issue.message.replace(/^Invalid input: /, '')}`,
        { file: payload.name },
      );
    }
    const { data, meta } = parsed.data;
    const type = meta.type.toLowerCase();
    if (meta.version != null && meta.version < 4) {
      throw new WhohasError(
        'BUNDLE_FILE_UNREADABLE',
        `${payload.name} is SharpHound JSON version ${meta.version}; only version 4 and later (SharpHound 1.0+, BloodHound CE) are read`,
        { file: payload.name },
      );
    }
    if (meta.count != null && meta.count !== data.length) {
      b.note(`${payload.name}: meta.count says ${meta.count} but data holds ${data.length} objects; all ${data.length} were read`);
    }
    const collection = collectionOf(payload.name);
    const mapped = (MAPPED_TYPES as readonly string[]).includes(type);
    if (!mapped && !(SHARPHOUND_TYPES as readonly string[]).includes(type)) {
      b.note(`${payload.name}: unknown SharpHound type '${meta.type}', file skipped`);
      continue;
    }
    if (!mapped) tally(type, data.length);
    data.forEach((value, index) => {
      countUnmapped(value, tally);
      if (mapped) objects.push({ type: type as MappedType, value, at: { file: payload.name, line: index + 1 }, index, collection });
    });
  }
  return { objects, outOfScope };
}

/** Attack-path data (ACLs, sessions, local rights, delegation) is out of scope; say how much was left. */
function countUnmapped(value: unknown, tally: (kind: string, n: number) => void): void {
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const results = (v: unknown) => (v && typeof v === 'object' ? len((v as { Results?: unknown }).Results) : 0);
  tally('ACEs', len(o.Aces));
  tally('sessions', results(o.Sessions) + results(o.PrivilegedSessions) + results(o.RegistrySessions));
  if (Array.isArray(o.LocalGroups)) tally('local group members', o.LocalGroups.reduce((n: number, g) => n + results(g), 0));
  if (Array.isArray(o.UserRights)) tally('user rights assignments', o.UserRights.reduce((n: number, g) => n + results(g), 0));
  tally('delegation targets', len(o.AllowedToDelegate) + len(o.AllowedToAct));
  tally('SID history entries', len(o.HasSIDHistory));
  tally('domain trusts', len(o.Trusts));
}
