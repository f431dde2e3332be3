import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { KeptRecords } from '../core/kept-records';
import { BundleBuilder } from '../core/bundle-builder';
import { dropSuperseded } from './collections';
import { keepRejectedObjects } from './keep-rejected';
import { MembershipLinker, mapGroup, type Scope } from './map-groups';
import { mapPrincipal, type Entry } from './map-principals';
import { mergeDuplicates } from './merge';
import type { BloodhoundOptions } from './options';
import { parseObjects, type AdObject, type Parsed } from './parse-objects';
import { readCollection } from './read-collection';

/** SharpHound JSON -> accounts, groups, memberships and privileged-group rights. Pure. */
export function transformBloodhound(payloads: Payload[], options: BloodhoundOptions, ctx: TransformContext): TransformResult {
  const b = new BundleBuilder({ source: 'bloodhound', mode: 'full', exportedAt: ctx.now.toISOString() });
  const { objects: raw, outOfScope } = readCollection(payloads, b);
  const parsed = parseObjects(raw, b, options.computers);
  const byOid = mergeDuplicates(dropSuperseded(parsed.objects, parsed.domains, b), b);
  const objects = [...byOid.values()];
  const scope = scopeOf(parsed, objects);

  for (const name of [...new Set([...scope.names, ...objects.map((o) => o.domain)])].sort()) {
    const at = parsed.domains.get(name)?.at ?? objects.find((o) => o.domain === name)!.at;
    // A domain is tier zero for everything joined to it.
    b.addOnce('systems', { id: `ad:${name}`, name: name.toUpperCase(), criticality: 'critical' }, at);
  }
  const kept = new KeptRecords(b);
  const directory = new Map<string, Entry>();
  for (const o of objects) directory.set(o.oid, o.kind === 'group' ? mapGroup(o, b) : mapPrincipal(o, options, b, kept));
  for (const [oid, r] of parsed.rejected) {
    const memberType = r.type === 'groups' ? 'group' : 'account';
    if (!directory.has(oid)) directory.set(oid, { memberType, id: r.id || oid, state: 'rejected', at: `${r.at.file}:${r.at.line}` });
  }

  const linker = new MembershipLinker(directory, scope, b);
  for (const o of objects) {
    const entry = directory.get(o.oid)!;
    if (o.kind === 'group') o.members.forEach((m) => linker.member(entry, m));
    else if (options.primaryGroups && o.primaryGroup && entry.state === 'loaded') linker.primaryGroup(entry, o.primaryGroup, o.at);
    else if (options.primaryGroups && o.primaryGroup && entry.state === 'rejected') {
      // A rejected account's primary group membership is kept as loaded before.
      const group = directory.get(o.primaryGroup);
      if (group?.memberType === 'group' && group.state !== 'placeholder') {
        kept.edge('memberships', entry.id, group.id, o.at, `data[${o.index}].PrimaryGroupSID`, `its object was rejected (${entry.at})`);
      }
    }
  }
  linker.notes();
  // Last, so what this run loads anyway is not also named as kept.
  keepRejectedObjects(parsed.rejected, directory, options, kept);
  kept.flush();

  const placeholders = [...directory.values()].filter((e) => e.state === 'placeholder').length;
  if (placeholders) b.note(`${placeholders} placeholder user/computer object(s) (reconcile: false, e.g. NETWORK SERVICE) carry no account properties and were not loaded as accounts`);
  if (parsed.deleted) b.note(`${parsed.deleted} object(s) marked IsDeleted were left out`);
  if (outOfScope.size) {
    const parts = [...outOfScope].sort(([x], [y]) => x.localeCompare(y)).map(([kind, n]) => `${n} ${kind}`);
    b.note(`Not mapped (ACLs, sessions, GPOs, OUs, containers and ADCS are out of scope for this connector): ${parts.join(', ')}`);
  }
  if (!objects.length) b.note('no users, groups or computers found; is this a SharpHound collection?');

  const result = b.result();
  const domains = [...scope.names].sort().join('_').replace(/[^A-Za-z0-9_.:-]/g, '-');
  const source = options.source ?? `bloodhound:${domains || 'collection'}`;
  return { ...result, source: { ...result.source, source } };
}

/** Domains this folder collected: named by a domains file, or holding a full (non-placeholder) object. */
function scopeOf(parsed: Parsed, objects: AdObject[]): Scope {
  const names = new Set<string>();
  for (const d of parsed.domains.values()) if (d.collectedBy.size) names.add(d.name);
  for (const o of objects) if (!o.stub) names.add(o.domain);
  const sids = new Set<string>();
  for (const [sid, name] of parsed.domainBySid) if (names.has(name)) sids.add(sid.toUpperCase());
  return { names, sids };
}
