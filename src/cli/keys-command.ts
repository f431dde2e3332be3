import type { Config } from '../config';
import { WhohasError } from '../errors';
import { KeyStore, type KeyInfo } from '../auth/key-store';
import { Role } from '../auth/roles';
import { parseFlags, usage } from './flags';

export const KEYS_USAGE = `  whohas keys create --role admin|analyst|agent|bi [--name N] [--agent <identityId>] [--json]
                                   create an API key (printed once; stored hashed in <WHOHAS_DB>.keys.json)
  whohas keys list [--json]        list keys (never the secrets)
  whohas keys revoke <id|name>     revoke a key (a running server notices at its next request)`;

function line(k: KeyInfo): string {
  const agent = k.agentIdentityId ? ` agent=${k.agentIdentityId}` : '';
  return `${k.id}  ${k.name.padEnd(24)} ${k.role.padEnd(8)} created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}${agent}`;
}

/**
 * Works on the key file directly, whether or not a server runs: the server re-reads the file when it
 * changes, so a revoked key stops working at once without a restart.
 */
export function keysCommand(config: Config, args: string[], out: (s: string) => void): number {
  const [sub, ...rest] = args;
  const keys = new KeyStore(config.security.keysFile);
  if (sub === 'create') {
    const { values, positionals } = parseFlags(`keys ${sub}`, {
      args: rest,
      allowPositionals: true,
      options: { role: { type: 'string' }, name: { type: 'string' }, agent: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length) throw usage('keys create takes no positional arguments');
    const role = Role.safeParse(values.role);
    if (!role.success) throw usage(`--role must be one of ${Role.options.join(', ')}`);
    if (values.agent !== undefined && (!values.agent.trim() || values.agent.length > 512)) throw new WhohasError('BAD_USER_INPUT', '--agent needs an identity id');
    const { key, info } = keys.create({ role: role.data, name: values.name, agentIdentityId: values.agent ?? null });
    if (values.json) out(JSON.stringify({ key, ...info }));
    else {
      out(`created ${line(info)}`);
      out(`key (shown once, store it now): ${key}`);
      out(`use it as: Authorization: Bearer ${key.slice(0, 8)}...`);
    }
    return 0;
  }
  if (sub === 'list') {
    const { values } = parseFlags(`keys ${sub}`, { args: rest, options: { json: { type: 'boolean' } } });
    const all = keys.list();
    if (values.json) out(JSON.stringify(all));
    else if (!all.length) out(`no keys in ${keys.path}`);
    else for (const k of all) out(line(k));
    return 0;
  }
  if (sub === 'revoke') {
    if (rest.length !== 1) throw usage('keys revoke needs one key id or name');
    out(`revoked ${line(keys.revoke(rest[0]))}`);
    return 0;
  }
  throw usage('keys needs create, list or revoke');
}
