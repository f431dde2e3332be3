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
  /** ObjectIdentifiers of records that failed the schema, so members naming them say why they are missing. */
  rejected: Map<string, { at: Where; type: RawObject['type']; id: string }>;
  deleted: number;
}

const PREFIXED = /^([A-Za-z0-9.-]+)-S-1-/;

export function parseObjects(raw: RawObject[], b: BundleBuilder): Parsed {
  const out: Parsed = { objects: [], domains: new Map(), domainBySid: new Map(), rejected: new Map(), deleted: 0 };
  const domainOf = (name: string) => {
    let d = out.domains.get(name);
    if (!d) out.domains.set(name, (d = { name, collectedBy: new Set() }));
    return d;
  };
  for (const r of raw.filter((o) => o.type === 'domains')) {
    const dom = check(DomainObject, r, b);
    if (!dom) continue;
    const d = domainOf(dom.Properties.name.toLowerCase());
    d.sid ??= dom.ObjectIdentifier;
    d.at ??= r.at;
    out.domainBySid.set(dom.ObjectIdentifier, d.name);
    if (dom.Properties.collected !== false) d.collectedBy.add(r.collection);
  }
  for (const r of raw) {
    if (r.type === 'domains') continue;
    const parsed = r.type === 'users' ? check(UserObject, r, b) : r.type === 'computers' ? check(ComputerObject, r, b) : check(GroupObject, r, b);
    if (!parsed) {
      const named = rejectedId(r);
      if (named && !out.rejected.has(named.oid)) out.rejected.set(named.oid, { at: r.at, type: r.type, id: named.id });
      continue;
    }
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

function check<T extends z.ZodType>(schema: T, r: RawObject, b: BundleBuilder): z.infer<T> | null {
  const parsed = schema.safeParse(r.value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { field, reason } = firstIssue(parsed.error, r.index);
  const named = rejectedId(r);
  // The id lets a full run keep what this record loaded last time instead of deleting it.
  b.reject(r.at, field, named ? `${reason} (object ${named.oid})` : reason, named?.id ? { id: named.id } : undefined);
  return null;
}

function rejectedId(r: RawObject): { oid: string; id: string } | null {
  const value = (r.value ?? {}) as { ObjectIdentifier?: unknown; Properties?: { domain?: unknown } };
  if (typeof value.ObjectIdentifier !== 'string' || !value.ObjectIdentifier.trim()) return null;
  const oid = value.ObjectIdentifier.trim();
  const domain = typeof value.Properties?.domain === 'string' ? value.Properties.domain.toLowerCase() : PREFIXED.exec(oid)?.[1].toLowerCase();
  return { oid, id: domain ? objectId(domain, oid) : '' };
}

export function objectId(domain: string, oid: string): string {
  return `ad:${domain}:${oid}`;
}
