import type { Connector, Probe } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { RegistryOptions } from './registry-schema';
import { transformRegistry } from './registry-transform';

const REGISTRY_FILE = /\.(ya?ml|json)$/i;

/** Looks like a registry: an `agents:` list at the top, or a bare list of agents with tools or delegations. */
function looksLikeRegistry(head: string): boolean {
  if (/^agents\s*:/m.test(head) || /^\s*\{[\s\S]*?"agents"\s*:\s*\[/.test(head)) return true;
  const bareYaml = /^-\s+id\s*:/m.test(head) && /^\s+(tools|delegations|subAgents|owner)\s*:/m.test(head);
  const bareJson = /^\s*\[\s*\{/.test(head) && /"(tools|delegations|subAgents)"\s*:/.test(head) && /"owner"\s*:/.test(head);
  return bareYaml || bareJson;
}

export const agentRegistryConnector: Connector<RegistryOptions> = {
  format: 'agent-registry',
  description: 'AI agent registry (YAML or JSON): agents, owners, models, tools, delegations, sub-agents and credentials',
  options: RegistryOptions,
  // A registry lists every agent: one missing from it was decommissioned.
  defaultMode: 'full',
  detect(probe: Probe): boolean {
    return probe.names.some((name) => REGISTRY_FILE.test(name) && looksLikeRegistry(probe.heads.get(name) ?? ''));
  },
  get(location, _options, ctx) {
    return readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (name) => REGISTRY_FILE.test(name) });
  },
  transform: transformRegistry,
};
