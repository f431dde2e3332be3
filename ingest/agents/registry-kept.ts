import type { Where } from '../core/bundle-builder';
import { registryIds } from './ids';
import type { KeptRecords } from '../core/kept-records';
import { formatPath, type DocPath } from './parse-document';
import { fromIdOf, subAgentIdOf, type DelegationContext } from './registry-delegations';
import { toolRefOf } from './registry-tools';

type Names = Pick<DelegationContext, 'identityOf' | 'identityIdOf' | 'rejected'>;

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);

/**
 * An agent entry rejected as a whole (its reject names the agent's identity) would also have given
 * accounts, tool grants, tools, credentials and delegations. Each that the entry still names, read
 * as leniently as it can be, is kept as loaded before: a typo in one field is not a retirement.
 */
export function keepRejectedAgents(names: Names, kept: KeptRecords): void {
  for (const agent of names.rejected.values()) {
    const self = names.identityIdOf(agent.id);
    const cause = `agent '${agent.id}' was rejected (${agent.at.file}:${agent.at.line})`;
    const where = (path: DocPath): [Where, string] => [{ file: agent.doc.file, line: agent.doc.lineOf(path) }, formatPath(path)];
    const [at, entryField] = where(agent.path);

    const systems = new Set([agent.platform]);
    const grants: Array<{ system: string; entitlementId: string; path: DocPath }> = [];
    listOf(agent.raw.tools).forEach((raw, i) => {
      const ref = toolRefOf(raw, agent.platform);
      if (!ref) return;
      systems.add(ref.system);
      grants.push({ ...ref, path: [...agent.path, 'tools', i] });
    });
    for (const system of systems) {
      kept.node('systems', registryIds.system(system), at, entryField, cause);
      kept.node('accounts', registryIds.account(system, agent.id), at, entryField, cause);
    }
    for (const g of grants) {
      const [line, path] = where(g.path);
      kept.node('entitlements', g.entitlementId, line, path, cause);
      kept.grant(registryIds.account(g.system, agent.id), g.entitlementId, line, path, cause);
    }
    listOf(agent.raw.credentials).forEach((raw, i) => {
      const localId = text(field(raw, 'id')) ?? text(field(raw, 'type'));
      if (localId) kept.node('credentials', registryIds.credential(agent.platform, agent.id, localId), ...where([...agent.path, 'credentials', i]), cause);
    });
    listOf(agent.raw.delegations).forEach((raw, i) => {
      const from = text(field(raw, 'from'));
      if (from) kept.delegation(fromIdOf(from, names), self, ...where([...agent.path, 'delegations', i]), cause);
    });
    listOf(agent.raw.subAgents).forEach((raw, i) => {
      const to = subAgentIdOf(field(raw, 'id'), names);
      if (to) kept.delegation(self, to, ...where([...agent.path, 'subAgents', i]), cause);
    });
  }
}
