/**
 * Secrets: services and agents hold keys, clients and certificates (on the identity or on one of
 * its accounts); some engineers hold SSH keys on their GitHub account and access keys on AWS. Times
 * follow the demo's rules (src/demo/credentials.ts): old keys mostly never rotated, some expired.
 */
import { credentialTimes } from '../credentials';
import type { Rng } from '../random';
import type { CredentialType } from '../types';
import type { AccountTable } from './accounts';
import type { ScaleCatalog } from './catalog';
import type { HumanAccounts } from './human-access';
import type { RecordSink } from './ndjson-files';
import type { NhiTable } from './nhi-kit';

const ACCOUNT_TYPES: Record<string, readonly (readonly [CredentialType, number])[]> = {
  github: [['ssh_key', 60], ['token', 40]],
  aws: [['api_key', 80], ['certificate', 20]],
  salesforce: [['oauth_client', 100]],
  sap: [['password', 100]],
  netsuite: [['password', 50], ['oauth_client', 50]],
};
const ANY: readonly (readonly [CredentialType, number])[] = [['api_key', 45], ['oauth_client', 25], ['certificate', 15], ['token', 15]];
const AGENT: readonly (readonly [CredentialType, number])[] = [['oauth_client', 60], ['token', 40]];

export async function writeCredentials(sink: RecordSink, rng: Rng, cat: ScaleCatalog, accounts: AccountTable, human: HumanAccounts, nhis: NhiTable, humans: number): Promise<void> {
  const keyOfSystem = new Map<number, string>(cat.apps.map((a) => [a.system, a.def.key]));
  let n = 0;
  const write = (holderId: string, holderType: 'identity' | 'account', type: CredentialType, holderCreatedMs: number) => {
    n++;
    sink.write('credentials', { id: `cred:${type}:${String(n).padStart(7, '0')}`, holderId, holderType, type, ...credentialTimes(rng, type, holderCreatedMs) });
  };
  for (const nhi of nhis.list) {
    for (let k = nhi.kind === 'agent' ? rng.int(1, 2) : rng.int(1, 3); k > 0; k--) {
      const onAccount = nhi.endAccount > nhi.firstAccount && rng.chance(0.6);
      if (!onAccount) {
        write(nhi.id, 'identity', rng.weighted(nhi.kind === 'agent' ? AGENT : ANY), nhi.createdMs);
        continue;
      }
      const a = rng.int(nhi.firstAccount, nhi.endAccount - 1);
      const types = nhi.kind === 'agent' ? AGENT : ACCOUNT_TYPES[keyOfSystem.get(accounts.system.get(a)) ?? ''] ?? ANY;
      write(accounts.ids[a], 'account', rng.weighted(types), accounts.createdMs.get(a));
    }
  }
  await sink.settle();
  const github = cat.apps.find((a) => a.def.key === 'github')?.system;
  const aws = cat.apps.find((a) => a.def.key === 'aws')?.system;
  for (let a = 0; a < human.firstAccount[humans]; a++) {
    const system = accounts.system.get(a);
    if (system === github && rng.chance(0.25)) write(accounts.ids[a], 'account', 'ssh_key', accounts.createdMs.get(a));
    else if (system === aws && rng.chance(0.15)) write(accounts.ids[a], 'account', 'api_key', accounts.createdMs.get(a));
    if (a % 5000 === 4999) await sink.settle();
  }
}
