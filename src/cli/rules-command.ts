import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { WhohasError, errorMessage } from '../errors';
import { readServerFile, serverFilePath } from '../server/server-file';
import { loadSodRules, type RuleLoadResult } from '../sod/sod-service';
import { openStore } from '../store/open-store';

/** `whohas rules load FILE`: through the running server when one holds the store, else directly. */
export async function loadRulesCommand(config: Config, file: string): Promise<{ result: RuleLoadResult; via: string }> {
  const path = resolve(file);
  let document: string;
  try {
    document = await readFile(path, 'utf8');
  } catch {
    throw new WhohasError('BAD_USER_INPUT', `Cannot read rules file ${path}`);
  }
  const server = readServerFile(serverFilePath(config.kuzuPath));
  if (server) {
    let res: Response;
    try {
      res = await fetch(`${server.url}/admin/rules`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-whohas-admin-token': server.adminToken },
        body: JSON.stringify({ document, fileName: file }),
      });
    } catch (e) {
      throw new WhohasError('STORE_LOCKED', `A whohas server (pid ${server.pid}) holds the store but did not answer at ${server.url}: ${errorMessage(e)}`);
    }
    const body = (await res.json().catch(() => null)) as (RuleLoadResult & { error?: { code: string; message: string } }) | null;
    if (!res.ok || !body) throw new WhohasError('BAD_USER_INPUT', body?.error?.message ?? `The server refused the rules (${res.status})`);
    return { result: body, via: 'through the running server' };
  }
  const store = await openStore(config);
  try {
    return { result: await loadSodRules(store, document, file, new Date()), via: `directly on the ${config.store} store` };
  } finally {
    await store.close();
  }
}
