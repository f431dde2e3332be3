import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { Entry } from './map-principals';
import { objectId, type AdObject, type Member } from './parse-objects';
import { domainSidOf, privilegedGroup } from './privileged';

type Group = Extract<AdObject, { kind: 'group' }>;

export function rightsId(domain: string, oid: string): string {
  return `ad:${domain}:group-rights/${oid}`;
}

/** A group, and for a privileged one the right it confers, so holders are found through nesting. */
export function mapGroup(o: Group, b: BundleBuilder): Entry {
  const id = objectId(o.domain, o.oid);
  const systemId = `ad:${o.domain}`;
  const name = o.props.samaccountname?.trim() || o.props.name?.split('@')[0].trim() || o.oid;
  b.addOnce('groups', { id, systemId, name, kind: 'group', description: o.props.description?.trim() || undefined }, o.at);
  const privileged = privilegedGroup(o.oid);
  if (privileged) {
    const entitlementId = rightsId(o.domain, o.oid);
    const description = `What membership of ${name} (well-known RID ${privileged.rid}) in ${o.domain.toUpperCase()} confers`;
    b.addOnce(
      'entitlements',
      { id: entitlementId, systemId, name: `${privileged.label} rights`, kind: 'role', privileged: true, sensitivity: privileged.sensitivity, description },
      o.at,
    );
    b.add('grants', { holderId: id, holderType: 'group', entitlementId }, o.at);
  }
  return { memberType: 'group', id, state: 'loaded', at: `${o.at.file}:${o.at.line}` };
}

export interface Scope {
  /** Domains whose objects the folder holds: a member of one of these that is missing is an error. */
  names: Set<string>;
  sids: Set<string>;
}

/**
 * Members -> memberships, resolved by ObjectIdentifier (SharpHound's ObjectType is sometimes
 * just "Base"). A member from outside the collected domains is expected (trusts, foreign security
 * principals) and only noted; one missing from a collected domain means the collection is broken.
 */
export class MembershipLinker {
  private readonly seen = new Set<string>();
  private readonly counts = { foreign: 0, placeholder: 0, skipped: 0, retyped: 0, primaryMissing: 0 };
  private readonly foreignSample: string[] = [];

  constructor(
    private readonly directory: Map<string, Entry>,
    private readonly scope: Scope,
    private readonly b: BundleBuilder,
  ) {}

  member(group: Entry, m: Member): void {
    const target = this.directory.get(m.oid);
    if (!target) return this.unresolved(m);
    if (m.type && expectedType(m.type) !== target.memberType) this.counts.retyped++;
    this.link(group, target, m.at, { field: m.field, oid: m.oid });
  }

  primaryGroup(principal: Entry, groupOid: string, at: Where): void {
    const target = this.directory.get(groupOid);
    if (!target || target.memberType !== 'group') return void this.counts.primaryMissing++;
    this.link(target, principal, at, null);
  }

  private link(group: Entry, target: Entry, at: Where, named: { field: string; oid: string } | null): void {
    if (target.state === 'placeholder') return void this.counts.placeholder++;
    if (target.state === 'skipped') return void this.counts.skipped++;
    if (target.state === 'rejected') {
      // The membership the group states is kept as loaded before, like its rejected member.
      if (named) this.b.reject(at, named.field, `member ${named.oid} was rejected (${target.at})`, { memberId: target.id, groupId: group.id }, 'memberships');
      return;
    }
    const key = `${target.memberType}|${target.id}|${group.id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.b.add('memberships', { memberId: target.id, memberType: target.memberType, groupId: group.id }, at);
  }

  private unresolved(m: Member): void {
    const sid = domainSidOf(m.oid);
    const prefixed = /^([A-Za-z0-9.-]+)-S-1-/.exec(m.oid)?.[1].toLowerCase();
    const inScope = (sid && this.scope.sids.has(sid)) || (prefixed && this.scope.names.has(prefixed));
    if (inScope) {
      this.b.reject(m.at, m.field, `member ${m.oid} (${m.type ?? 'no ObjectType'}) is in a collected domain but not in the collection`);
      return;
    }
    this.counts.foreign++;
    if (this.foreignSample.length < 3 && !this.foreignSample.includes(m.oid)) this.foreignSample.push(m.oid);
  }

  notes(): void {
    const c = this.counts;
    if (c.foreign) {
      this.b.note(
        `${c.foreign} group member(s) outside the collected domains (trusted domains, foreign security principals, unresolved DNs) were left out, e.g. ${this.foreignSample.join(', ')}`,
      );
    }
    if (c.placeholder) this.b.note(`${c.placeholder} membership(s) of placeholder principals (no account properties, e.g. NETWORK SERVICE) were left out`);
    if (c.skipped) this.b.note(`${c.skipped} membership(s) of computers were left out (options.computers is false)`);
    if (c.retyped) this.b.note(`${c.retyped} member(s) whose ObjectType did not match the object (e.g. 'Base') were linked by ObjectIdentifier`);
    if (c.primaryMissing) this.b.note(`${c.primaryMissing} primary group SID(s) name no group in the collection; those memberships were left out`);
  }
}

function expectedType(objectType: string): Entry['memberType'] | null {
  const t = objectType.toLowerCase();
  return t === 'user' || t === 'computer' ? 'account' : t === 'group' ? 'group' : null;
}
