import type { z } from 'zod';
import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { RawObject } from './read-collection';
import { ComputerObject, DomainObject, GroupObject, UserObject, firstIssue } from './schema';

export interface Member {
  oid: string;
  type: string | undefined;
  /** The group element that listed it, and the field, so a reject points at the exact entry. */
  at: Where;
  field: string;
}

interface Base {
  oid: string;
  /** Lower-case DNS name: SharpHound writes it upper-case, but not in every placeholder. */
  domain: string;
  at: Where;
  index: number;
  collection: string;
  /** Placeholder for an object SharpHound only saw referenced: it asserts existence, nothing more. */
  stub: boolean;
  members: Member[];
}

export type AdObject =
  | (Base & { kind: 'user'; props: UserObject['Properties']; primaryGroup?: string })
  | (Base & { kind: 'computer'; props: ComputerObject['Properties']; primaryGroup?: string })
  | (Base & { kind: 'group'; props: GroupObject['Properties'] });

export interface DomainInfo {
  name: string;
  sid?: string;
  /** Collections (file prefixes) whose domains file says this domain was collected. */
  collectedBy: Set<string>;
  at?: Where;
}

export interface Parsed {
  objects: AdObject[];
  domains: Map<string, DomainInfo>;
  domainBySid: Map<string, string>;
  /**
   * ObjectIdentifiers of records that failed the schema, so members naming them say why they are
   * missing, and what they loaded before is kept.
   */
  rejected: Map<string, RejectedObject>;
  deleted: number;
}

export interface RejectedObject {
  at: Where;
  type: RawObject['type'];
  /** '' when the domain (and so the id) cannot be told. */
  id: string;
  domain: string;
  oid: string;
  value: Record<string, unknown>;
  field: string;
}

const PREFIXED = /^([A-Za-z0-9.-]+)-S-1-/;

/** A user or computer is its account, a group its group. */
const ENTITY = { users: 'accounts', computers: 'accounts', groups: 'groups' } as const;

/**
 * `computers`: whether computers are mapped at all; a rejected computer of a run that leaves them
 * out names nothing, as it would load nothing.
 */
export function parseObjects(raw: RawObject[], b: BundleBuilder, computers = true): Parsed {
  const out: Parsed = { objects: [], domains: new Map(), domainBySid: new Map(), rejected: new Map(), deleted: 0 };
  const domainOf = (name: string) => {
    let d = out.domains.get(name);
    if (!d) out.domains.set(name, (d = { name, collectedBy: new Set() }));
    return d;
  };
  const check = <T extends z.ZodType>(schema: T, r: RawObject): z.infer<T> | null => {
    const parsed = schema.safeParse(r.value, { reportInput: true });
    if (parsed.success) return parsed.data;
    const { field, reason } = firstIssue(parsed.error, r.index);
    const named = rejectedId(r, out.domainBySid);
    const reasonNamed = named ? `${reason} (object ${named.oid})` : reason;
    // A domain's system is named by the objects of the domain, not by this record: nothing to keep.
    if (!named || r.type === 'domains') return b.reject(r.at, field, reasonNamed), null;
    // The id lets a full run keep what this record loaded last time instead of deleting it.
    const keep = named.id && (computers || r.type !== 'computers');
    b.reject(r.at, field, reasonNamed, named.id ? { id: named.id } : undefined, keep ? ENTITY[r.type] : undefined);
    if (!out.rejected.has(named.oid)) {
      out.rejected.set(named.oid, { at: r.at, type: r.type, id: named.id, domain: named.domain, oid: named.oid, value: r.value as Record<string, unknown>, field });
    }
    return null;
  };
  for (const r of raw.filter((o) => o.type === 'domains')) {
    const dom = check(DomainObject, r);
    if (!dom) continue;
    const d = domainOf(dom.Properties.name.toLowerCase());
    d.sid ??= dom.ObjectIdentifier;
    d.at ??= r.at;
    out.domainBySid.set(dom.ObjectIdentifier, d.name);
    if (dom.Properties.collected !== false) d.collectedBy.add(r.collection);
  }
  for (const r of raw) {
    if (r.type === 'domains') continue;
    const parsed = r.type === 'users' ? check(UserObject, r) : r.type === 'computers' ? check(ComputerObject, r) : check(GroupObject, r);
    if (!parsed) continue;
    if (parsed.IsDeleted) {
      out.deleted++;
      continue;
    }
    const props = parsed.Properties;
    const oid = parsed.ObjectIdentifier;
    const domain =
      props.domain?.trim().toLowerCase() || (props.domainsid && out.domainBySid.get(props.domainsid)) || PREFIXED.exec(oid)?.[1].toLowerCase();
    if (!domain) {
      b.reject(r.at, `data[${r.index}].Properties.domain`, 'missing, and neither domainsid nor the ObjectIdentifier names a known domain');
      continue;
    }
    const info = domainOf(domain);
    info.at ??= r.at;
    if (props.domainsid && !out.domainBySid.has(props.domainsid)) out.domainBySid.set(props.domainsid, domain);
    const base = { oid, domain, at: r.at, index: r.index, collection: r.collection, stub: props.reconcile === false || !props.samaccountname?.trim(), members: [] as Member[] };
    if (r.type === 'groups') {
      const members = (parsed as GroupObject).Members ?? [];
      base.members = members.map((m, j) => ({ oid: m.ObjectIdentifier, type: m.ObjectType ?? undefined, at: r.at, field: `data[${r.index}].Members[${j}].ObjectIdentifier` }));
      out.objects.push({ ...base, kind: 'group', props });
    } else {
      const primaryGroup = (parsed as UserObject).PrimaryGroupSID?.trim() || undefined;
      if (r.type === 'users') out.objects.push({ ...base, kind: 'user', props: props as UserObject['Properties'], primaryGroup });
      else out.objects.push({ ...base, kind: 'computer', props: props as ComputerObject['Properties'], primaryGroup });
    }
  }
  return out;
}

function rejectedId(r: RawObject, domainBySid: Map<string, string>): { oid: string; id: string; domain: string } | null {
  const value = (r.value ?? {}) as { ObjectIdentifier?: unknown; Properties?: { domain?: unknown; domainsid?: unknown } };
  if (typeof value.ObjectIdentifier !== 'string' || !value.ObjectIdentifier.trim()) return null;
  const oid = value.ObjectIdentifier.trim();
  const props = typeof value.Properties === 'object' && value.Properties !== null ? value.Properties : {};
  // The same fallbacks a good record's domain takes: its domain, its domain SID, its prefix.
  const domain =
    (typeof props.domain === 'string' ? props.domain.trim().toLowerCase() : '') ||
    (typeof props.domainsid === 'string' ? domainBySid.get(props.domainsid) : undefined) ||
    PREFIXED.exec(oid)?.[1].toLowerCase() ||
    '';
  return { oid, id: domain ? objectId(domain, oid) : '', domain };
}

export function objectId(domain: string, oid: string): string {
  return `ad:${domain}:${oid}`;
}
