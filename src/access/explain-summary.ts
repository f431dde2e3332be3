/** Plain-English explanations built only from the evidence (the paths), never from free text. */
export interface NamedHop {
  kind: string;
  id: string;
  name: string;
  edge: string | null;
  expiresAt: string | null;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** "Bob owns account BOB, which is a member of AP Senior, which grants Approve payment" */
export function describePath(hops: NamedHop[]): string {
  const parts: string[] = [hops[0]?.name ?? '?'];
  for (let i = 1; i < hops.length; i++) {
    const h = hops[i];
    const until = h.expiresAt ? ` (until ${day(h.expiresAt)})` : '';
    if (h.edge === 'OWNS') parts.push(`${i === 1 ? '' : 'who '}owns account ${h.name}${until}`);
    else if (h.edge === 'MEMBER_OF') parts.push(`which is a member of ${h.name}${until}`);
    else if (h.edge === 'GRANTS') parts.push(`which grants ${h.name}${until}`);
    else if (h.edge === 'DELEGATES_TO') parts.push(`${i === 1 ? '' : 'who '}acts on behalf of ${h.name} by delegation${until}`);
  }
  return parts[0] + ' ' + parts.slice(1).join(', ');
}

export function explainSummary(input: {
  identity: { name: string } | null;
  entitlement: { name: string; system: string | null } | null;
  identityId: string;
  entitlementId: string;
  paths: NamedHop[][];
  viaDelegation: boolean;
}): string {
  const who = input.identity?.name ?? input.identityId;
  const what = input.entitlement
    ? `${input.entitlement.name}${input.entitlement.system ? ` on ${input.entitlement.system}` : ''}`
    : input.entitlementId;
  if (!input.identity) return `There is no identity '${input.identityId}' in the graph.`;
  if (!input.entitlement) return `There is no entitlement '${input.entitlementId}' in the graph.`;
  if (!input.paths.length) {
    return (
      `${who} does not have ${what}: no path over enabled accounts, active memberships, grants or delegations ` +
      `leads from ${who} to it.`
    );
  }
  const count = input.paths.length === 1 ? 'one path' : `${input.paths.length} paths`;
  const how = input.viaDelegation ? ' only by delegation' : '';
  const shortest = describePath(input.paths[0]);
  return `${who} has ${what}${how}, through ${count}. ${input.paths.length > 1 ? 'The shortest: ' : ''}${shortest}.`;
}

/** One blocker in words, e.g. "the membership of ALICE in AP expired on 2026-01-01". */
export function describeBlocker(
  b: { kind: string; hop: number; expiredAt?: string; scope?: string[] },
  hops: NamedHop[],
  entitlementName: string,
): string {
  const hop = hops[b.hop];
  const prev = hops[b.hop - 1];
  if (b.kind === 'DISABLED_ACCOUNT') return `account ${hop.name} is disabled`;
  if (b.kind === 'OUT_OF_SCOPE') {
    const scope = b.scope?.length ? b.scope.join(', ') : 'nothing';
    return `${hop.name} delegates to ${prev.name}, but not ${entitlementName} (scope: ${scope})`;
  }
  const when = b.expiredAt ? day(b.expiredAt) : '?';
  if (hop.edge === 'MEMBER_OF') return `the membership of ${prev.name} in ${hop.name} expired on ${when}`;
  if (hop.edge === 'GRANTS') return `the grant of ${hop.name} to ${prev.name} expired on ${when}`;
  if (hop.edge === 'DELEGATES_TO') return `the delegation from ${hop.name} to ${prev.name} expired on ${when}`;
  return `an edge into ${hop.name} expired on ${when}`;
}

export function nearMissSentence(who: string, what: string, reasons: string[], path: NamedHop[]): string {
  return `${who} does not have ${what}. The nearest path is blocked: ${reasons.join('; ')}. That path: ${describePath(path)}.`;
}
