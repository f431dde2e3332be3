import { BundleBuilder } from '../core/bundle-builder';
import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { baseName } from './ids';
import { KeptRecords } from '../core/kept-records';
import { emitAgent } from './registry-agent';
import { emitDelegations } from './registry-delegations';
import { keepRejectedAgents } from './registry-kept';
import { readRegistry } from './registry-read';
import type { RegistryOptions } from './registry-schema';
import { ToolCatalog } from './registry-tools';

/** Notes name at most this many items; a registry of thousands must not produce thousands of lines. */
const NOTE_ITEMS = 20;

/** Pure: registry files in, identity-bundle records out (docs/connectors/agents.md). */
export function transformRegistry(payloads: Payload[], options: RegistryOptions, ctx: TransformContext): TransformResult {
  const name = options.name ?? baseName(payloads[0]?.name ?? 'registry');
  const b = new BundleBuilder({ source: `agents:${name}`, mode: 'full', exportedAt: ctx.now.toISOString() });
  const identityIdOf = (agentId: string) => `${options.idPrefix}${agentId}`;
  const { agents, rejected } = readRegistry(payloads, options.platform ?? name, identityIdOf, b);

  // Tools first: delegation scopes name tools of any agent, including agents listed later.
  const kept = new KeptRecords(b);
  const tools = new ToolCatalog(b, kept);
  const toolsOf = agents.map((agent) => tools.addAgentTools(agent));
  const identityOf = new Map(agents.map((a) => [a.core.id, identityIdOf(a.core.id)]));
  agents.forEach((agent, i) => emitAgent(b, agent, identityOf.get(agent.core.id)!, toolsOf[i]));
  tools.emit();

  const expired: string[] = [];
  emitDelegations(agents, { b, tools, identityOf, identityIdOf, rejected, now: ctx.now, expired });
  // Last, so what this run loads anyway is not also named as kept.
  keepRejectedAgents({ identityOf, identityIdOf, rejected }, kept);
  kept.flush();

  const unowned = agents.filter((a) => !a.core.owner).map((a) => `${identityOf.get(a.core.id)} (${a.at.file}:${a.at.line})`);
  if (unowned.length) b.note(`${unowned.length} agent(s) have no owner, so no one is accountable for them: ${sample(unowned)}`);
  if (expired.length) b.note(`${expired.length} delegation(s) had expired; they are loaded but confer nothing: ${sample(expired)}`);
  return b.result();
}

function sample(items: string[]): string {
  return items.slice(0, NOTE_ITEMS).join(', ') + (items.length > NOTE_ITEMS ? `, and ${items.length - NOTE_ITEMS} more` : '');
}
