export interface Arn {
  partition: string;
  service: string;
  account: string;
  /** `user`, `role`, `group`, `policy`, `root`, `assumed-role`, ... */
  type: string;
  /** The last path segment: the user, role, group or policy name (paths are not part of IAM names). */
  name: string;
  resource: string;
}

export function parseArn(text: string): Arn | null {
  const m = /^arn:([^:]+):([^:]+):[^:]*:([^:]*):(.+)$/.exec(text.trim());
  if (!m) return null;
  const resource = m[4];
  const parts = resource.split('/');
  const type = parts[0];
  // An assumed-role session is role-name/session-name: the role is the second segment.
  const name = type === 'assumed-role' ? (parts[1] ?? '') : parts[parts.length - 1];
  return { partition: m[1], service: m[2], account: m[3], type, name, resource };
}

/**
 * The account an export is of: the 12-digit account most of its ARNs name. AWS-managed policies say
 * `aws` instead, and hand-made exports sometimes do the same for users, so majority rather than first.
 */
export function dominantAccount(arns: Iterable<string | undefined>): { account: string | null; others: string[] } {
  const counts = new Map<string, number>();
  for (const text of arns) {
    const account = text ? parseArn(text)?.account : undefined;
    if (account && /^\d{12}$/.test(account)) counts.set(account, (counts.get(account) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { account: ranked[0]?.[0] ?? null, others: ranked.slice(1).map(([a]) => a) };
}
