import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { RecordInput } from '../core/connector';
import { registryIds } from './ids';
import { formatPath } from './parse-document';
import type { AgentEntry } from './registry-read';
import { Credential } from './registry-schema';
import type { AgentTool } from './registry-tools';
import { problemOf } from './zod-issues';

const IDENTITY_STATUS = { active: 'active', suspended: 'suspended', retired: 'terminated' } as const;

/**
 * One agent's own records: its identity, an account on every system it has tools on (its platform
 * always), a grant per tool, and the credentials it holds. Delegations are emitted separately,
 * once every agent of the registry is known.
 */
export function emitAgent(b: BundleBuilder, agent: AgentEntry, identityId: string, tools: AgentTool[]): void {
  const { core, at } = agent;
  b.addOnce(
    'identities',
    {
      id: identityId,
      kind: 'agent',
      displayName: core.name ?? core.id,
      status: IDENTITY_STATUS[core.status],
      ownerId: core.owner,
      purpose: core.purpose,
      createdAt: core.createdAt,
      attributes: attributesOf(agent, tools),
    },
    at,
  );
  const status = core.status === 'active' ? 'enabled' : 'disabled';
  const systems = new Map<string, Where>([[agent.platform, agent.platformAt]]);
  for (const tool of tools) if (!systems.has(tool.system)) systems.set(tool.system, tool.at);
  for (const [system, where] of systems) {
    b.addOnce('systems', { id: registryIds.system(system), name: system }, where);
    const account = { id: registryIds.account(system, core.id), systemId: registryIds.system(system), identityId, username: core.id };
    b.addOnce('accounts', { ...account, status, createdAt: core.createdAt }, at);
  }
  for (const tool of tools) {
    b.add('grants', { holderId: registryIds.account(tool.system, core.id), holderType: 'account', entitlementId: tool.entitlementId }, tool.at);
  }
  emitCredentials(b, agent, identityId);
}

/** What peer grouping compares: same owner team, same model, same tool set. */
function attributesOf(agent: AgentEntry, tools: AgentTool[]): Record<string, string> {
  const { core } = agent;
  const out: Record<string, string> = { ...core.attributes, platform: agent.platform };
  if (core.model) {
    const m = core.model;
    out.model = `${m.provider ? `${m.provider}/` : ''}${m.name}${m.version ? `@${m.version}` : ''}`;
    if (m.provider) out.modelProvider = m.provider;
    out.modelName = m.name;
    if (m.version) out.modelVersion = m.version;
  }
  if (core.ownerTeam) out.ownerTeam = core.ownerTeam;
  if (tools.length) out.tools = tools.map((t) => t.entitlementId).sort().join(',');
  return out;
}

function emitCredentials(b: BundleBuilder, agent: AgentEntry, identityId: string): void {
  const seen = new Map<string, number>();
  agent.core.credentials.forEach((raw, i) => {
    const path = [...agent.path, 'credentials', i];
    const at = { file: agent.doc.file, line: agent.doc.lineOf(path) };
    const parsed = Credential.safeParse(raw);
    if (!parsed.success) {
      const problem = problemOf(parsed.error, path);
      // Named as a good entry would be (its id, else its type), so a full run keeps it as loaded before.
      const named = [(raw as { id?: unknown } | null)?.id, (raw as { type?: unknown } | null)?.type].find((x) => typeof x === 'string' && x.trim());
      const key = named ? { id: registryIds.credential(agent.platform, agent.core.id, (named as string).trim()) } : undefined;
      return b.reject(at, problem.field, problem.reason, key, key ? 'credentials' : undefined);
    }
    const c = parsed.data;
    // A credential without an id is named by its type; a second of one type then needs an id.
    const localId = c.id ?? c.type;
    const first = seen.get(localId);
    if (first !== undefined) {
      return b.reject(at, formatPath([...path, 'id']), `credential id '${localId}' repeats (first at line ${first}); give each credential its own id`);
    }
    seen.set(localId, at.line);
    const record: RecordInput<'credentials'> & { id: string } = {
      id: registryIds.credential(agent.platform, agent.core.id, localId),
      holderId: identityId,
      holderType: 'identity',
      type: c.type,
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      lastRotatedAt: c.lastRotatedAt,
      lastUsedAt: c.lastUsedAt,
    };
    b.addOnce('credentials', record, at);
  });
}
