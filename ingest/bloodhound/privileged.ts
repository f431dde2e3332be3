/**
 * Groups whose membership is control of the domain, recognised by well-known RID because names
 * are localised ("Domänen-Admins") and can be renamed. Domain-relative RIDs sit on the domain SID
 * (S-1-5-21-x-y-z-RID); built-in ones on S-1-5-32, which SharpHound prefixes with the domain name.
 * BUILTIN\Administrators is critical like Domain Admins: on a domain it owns every domain controller.
 */
export interface PrivilegedGroup {
  label: string;
  rid: number;
  sensitivity: 'high' | 'critical';
}

const DOMAIN_RIDS: Record<number, Omit<PrivilegedGroup, 'rid'>> = {
  512: { label: 'Domain Admins', sensitivity: 'critical' },
  516: { label: 'Domain Controllers', sensitivity: 'high' },
  518: { label: 'Schema Admins', sensitivity: 'critical' },
  519: { label: 'Enterprise Admins', sensitivity: 'critical' },
  526: { label: 'Key Admins', sensitivity: 'high' },
  527: { label: 'Enterprise Key Admins', sensitivity: 'high' },
};

const BUILTIN_RIDS: Record<number, Omit<PrivilegedGroup, 'rid'>> = {
  544: { label: 'Administrators', sensitivity: 'critical' },
  548: { label: 'Account Operators', sensitivity: 'high' },
  549: { label: 'Server Operators', sensitivity: 'high' },
  550: { label: 'Print Operators', sensitivity: 'high' },
  551: { label: 'Backup Operators', sensitivity: 'high' },
};

const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/i;
const BUILTIN_SID = /(?:^|-)S-1-5-32-(\d+)$/i;

export function privilegedGroup(oid: string): PrivilegedGroup | null {
  const domainRid = DOMAIN_SID.exec(oid);
  const builtinRid = BUILTIN_SID.exec(oid);
  const rid = Number(domainRid?.[1] ?? builtinRid?.[1]);
  const known = domainRid ? DOMAIN_RIDS[rid] : builtinRid ? BUILTIN_RIDS[rid] : undefined;
  return known ? { ...known, rid } : null;
}

/** The domain part of a domain SID (S-1-5-21-x-y-z), to tell which domain an unknown member is in. */
export function domainSidOf(oid: string): string | null {
  const m = /^(S-1-5-21-\d+-\d+-\d+)-\d+$/i.exec(oid);
  return m ? m[1].toUpperCase() : null;
}

/** RID 502 is krbtgt in every domain: a service principal of AD itself, never a person. */
export function isKrbtgt(oid: string): boolean {
  return DOMAIN_SID.exec(oid)?.[1] === '502';
}
