import type { BundleBuilder } from '../core/bundle-builder';
import type { AdObject } from './parse-objects';

/**
 * SharpHound legitimately lists one object several times: a full record plus `reconcile: false`
 * placeholders (built-in groups, objects seen from another domain's collection). Those are views of
 * one object and merge, members combined, the full record's properties winning. Two full records
 * that disagree on what the object is (another kind, domain or sAMAccountName) cannot both be true:
 * the first in file order is kept and the later one rejected.
 */
export function mergeDuplicates(objects: AdObject[], b: BundleBuilder): Map<string, AdObject> {
  const byOid = new Map<string, AdObject>();
  let merged = 0;
  for (const o of objects) {
    const first = byOid.get(o.oid);
    if (!first) {
      byOid.set(o.oid, { ...o, members: [...o.members] });
      continue;
    }
    const conflict = conflictOf(first, o);
    if (conflict) {
      b.reject(
        o.at,
        `data[${o.index}].ObjectIdentifier`,
        `duplicate ObjectIdentifier ${o.oid}: ${conflict} at ${first.at.file}:${first.at.line}; that one is kept`,
      );
      continue;
    }
    merged++;
    if (first.stub && !o.stub) byOid.set(o.oid, { ...o, members: [...first.members, ...o.members] });
    else first.members.push(...o.members);
  }
  if (merged) b.note(`${merged} repeated listing(s) of an object (SharpHound placeholders, cross-domain views) were merged into one, members combined`);
  return byOid;
}

function conflictOf(first: AdObject, later: AdObject): string | null {
  if (first.kind !== later.kind) return `already listed as a ${first.kind}`;
  if (first.domain !== later.domain) return `already listed in domain ${first.domain.toUpperCase()}`;
  if (first.stub || later.stub) return null;
  const a = first.props.samaccountname!.trim();
  const z = later.props.samaccountname!.trim();
  return a.toLowerCase() === z.toLowerCase() ? null : `already listed as '${a}' (this one says '${z}')`;
}
