import type { BundleBuilder } from '../core/bundle-builder';
import type { AdObject, DomainInfo } from './parse-objects';

/**
 * A folder may hold several SharpHound runs (one per domain, or last week's beside today's).
 * For a domain collected more than once, only the newest run counts: merging an older run would
 * resurrect memberships removed since. Runs are ordered by their file-name prefix, which SharpHound
 * writes as yyyyMMddHHmmss. Objects a run saw of domains it did not collect (placeholders for
 * cross-domain members) are kept and merged, unless every domain that run collected is stale.
 */
export function dropSuperseded(objects: AdObject[], domains: Map<string, DomainInfo>, b: BundleBuilder): AdObject[] {
  const newest = new Map<string, string>();
  const collected = new Map<string, string[]>();
  for (const d of domains.values()) {
    const runs = [...d.collectedBy].sort();
    if (runs.length) newest.set(d.name, runs[runs.length - 1]);
    for (const run of runs) collected.set(run, [...(collected.get(run) ?? []), d.name]);
  }
  const staleFor = (run: string, domain: string) => domains.get(domain)?.collectedBy.has(run) === true && newest.get(domain) !== run;
  const wholly = new Set([...collected].filter(([run, names]) => names.every((n) => staleFor(run, n))).map(([run]) => run));

  const runs = [...collected.keys()].sort();
  if (runs.length > 1 || (runs.length === 1 && runs[0])) {
    b.note(`${runs.length} collection(s): ${runs.map((r) => `${r || '(no prefix)'} (${collected.get(r)!.map((n) => n.toUpperCase()).join(', ')})`).join('; ')}`);
  }
  const dropped = new Map<string, number>();
  const kept = objects.filter((o) => {
    const stale = wholly.has(o.collection) || staleFor(o.collection, o.domain);
    if (stale) dropped.set(o.collection, (dropped.get(o.collection) ?? 0) + 1);
    return !stale;
  });
  for (const [run, n] of dropped) {
    const names = (collected.get(run) ?? []).filter((d) => staleFor(run, d));
    b.note(`collection ${run} is older than ${names.map((d) => `${newest.get(d)} for ${d.toUpperCase()}`).join(', ')}: its ${n} object(s) were not used`);
  }
  return kept;
}
