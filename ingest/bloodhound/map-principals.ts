import { z } from 'zod';
import type { KeptRecords } from '../core/kept-records';
import type { BundleBuilder } from '../core/bundle-builder';
import type { BloodhoundOptions } from './options';
import { objectId, type AdObject } from './parse-objects';
import { isKrbtgt } from './privileged';
import { epochToIso } from './times';

/** What an ObjectIdentifier became, so group members can be linked (or their absence explained). */
export interface Entry {
  memberType: 'account' | 'group';
  id: string;
  state: 'loaded' | 'rejected' | 'placeholder' | 'skipped';
  at: string;
}

type Principal = Extract<AdObject, { kind: 'user' | 'computer' }>;

const Email = z.string().email();

export function identityId(domain: string, oid: string): string {
  return `ad:${domain}:identity/${oid}`;
}

/** Whether a user or computer is a service principal: it then owns an identity even in `correlate`. */
export function isService(kind: 'user' | 'computer', oid: string, props: object): boolean {
  const p = props as { gmsa?: unknown; msa?: unknown };
  return kind === 'computer' || p.gmsa === true || p.msa === true || isKrbtgt(oid);
}

/** Users and computers -> accounts on their domain, with the identities this connector owns. */
export function mapPrincipal(o: Principal, options: BloodhoundOptions, b: BundleBuilder, kept: KeptRecords): Entry {
  const entry: Entry = { memberType: 'account', id: objectId(o.domain, o.oid), state: 'loaded', at: `${o.at.file}:${o.at.line}` };
  if (o.kind === 'computer' && !options.computers) return { ...entry, state: 'skipped' };
  if (o.stub) return { ...entry, state: 'placeholder' };
  const p = o.props;
  const field = (name: string) => `data[${o.index}].Properties.${name}`;
  const reject = (name: string, reason: string) => {
    // The account, and the identity this connector gives it, are kept as loaded before.
    b.reject(o.at, field(name), `${reason} (object ${o.oid})`, { id: entry.id }, 'accounts');
    if (isService(o.kind, o.oid, p) || options.identities === 'create') {
      kept.node('identities', identityId(o.domain, o.oid), o.at, field(name), `its object was rejected (${entry.at})`);
    }
    return { ...entry, state: 'rejected' as const };
  };
  // Guessing "enabled" would either grant access that is off or hide access that is on.
  if (p.enabled == null) return reject('enabled', 'missing: cannot tell whether the account is enabled');
  const times: Record<string, string | undefined> = {};
  for (const name of ['whencreated', 'lastlogon', 'lastlogontimestamp'] as const) {
    const iso = epochToIso(p[name]);
    if (iso === null) return reject(name, `${p[name]} is not a Unix time in seconds`);
    times[name] = iso;
  }
  // lastlogon is per-DC and not replicated; lastlogontimestamp replicates but lags up to 14 days.
  const lastLoginAt = [times.lastlogon, times.lastlogontimestamp].filter(Boolean).sort().pop();
  const username = p.samaccountname!.trim();
  const service = isService(o.kind, o.oid, p);
  const owner = service || options.identities === 'create' ? identityId(o.domain, o.oid) : undefined;
  if (owner) b.addOnce('identities', identityOf(o, owner, service, times.whencreated), o.at);
  b.addOnce(
    'accounts',
    { id: entry.id, systemId: `ad:${o.domain}`, identityId: owner, username, status: p.enabled ? 'enabled' : 'disabled', createdAt: times.whencreated, lastLoginAt },
    o.at,
  );
  if (!owner && o.kind === 'user') b.hint({ accountId: entry.id, email: o.props.email?.trim() || undefined, username });
  return entry;
}

function identityOf(o: Principal, id: string, service: boolean, createdAt: string | undefined) {
  const p = o.props;
  const attributes: Record<string, string> = { sid: o.oid, domain: o.domain.toUpperCase(), samAccountName: p.samaccountname!.trim() };
  if (p.distinguishedname) attributes.distinguishedName = p.distinguishedname;
  if (p.admincount) attributes.adminCount = 'true';
  const description = p.description?.trim() || undefined;
  const base = { id, displayName: displayName(o), status: p.enabled ? ('active' as const) : ('suspended' as const), createdAt, attributes };
  if (o.kind === 'computer') {
    if (o.props.operatingsystem) attributes.operatingSystem = o.props.operatingsystem;
    return { ...base, kind: 'service' as const, purpose: description ?? (o.props.isdc ? 'Domain controller' : 'Domain-joined computer') };
  }
  const email = o.props.email?.trim();
  // AD accepts addresses the bundle schema does not (SystemMailbox{guid}@...): keep them, as an attribute.
  const valid = email && Email.safeParse(email).success ? email : undefined;
  if (email && !valid) attributes.mail = email;
  if (service) {
    const kind = o.props.gmsa ? 'Group managed service account' : o.props.msa ? 'Managed service account' : 'Kerberos service account';
    return { ...base, kind: 'service' as const, email: valid, purpose: description ?? kind };
  }
  if (description) attributes.description = description;
  return { ...base, kind: 'human' as const, email: valid, title: o.props.title?.trim() || undefined, department: o.props.department?.trim() || undefined };
}

function displayName(o: Principal): string {
  if (o.kind === 'user' && o.props.displayname?.trim()) return o.props.displayname.trim();
  // A computer's `name` is its FQDN, which is what people search for; users fall back to the logon name.
  if (o.kind === 'computer' && o.props.name?.trim()) return o.props.name.trim();
  return o.props.samaccountname!.trim();
}
