/**
 * The agent-tool platform: tools (entitlements of kind `tool`) that people and AI agents invoke,
 * bundled into toolsets per department and, nested in those, per division. Delegation chains end
 * in these tools: a human hands an agent part of what they hold, and each hop narrows it.
 */
import { DEPARTMENTS } from '../names';
import type { Rng } from '../random';
import type { CatalogBuilder } from './catalog-builder';
import type { ScaleOrg } from './org';

export const AGENT_TOOLS = 'agent-tools';

const VERBS = ['search', 'read', 'summarize', 'draft', 'update', 'create', 'query', 'export', 'classify', 'route', 'schedule', 'approve', 'deploy', 'refund', 'delete', 'grant', 'transfer'];
const OBJECTS = ['tickets', 'orders', 'invoices', 'payments', 'contracts', 'leads', 'opportunities', 'repos', 'pull-requests', 'builds', 'incidents', 'logs', 'dashboards', 'employees', 'candidates', 'vendors', 'campaigns', 'documents', 'warehouse', 'releases'];
/** Tools that change money, production or access are privileged. */
const RISKY = new Set(['approve', 'deploy', 'refund', 'delete', 'grant', 'transfer']);

export interface ToolsCatalog {
  system: number;
  tools: number[];
  /** Toolset group by department index. */
  deptToolset: number[];
  /** Toolset group by division index (nested in its department's toolset). */
  divisionToolset: number[];
}

export function buildAgentTools(c: CatalogBuilder, rng: Rng, org: ScaleOrg, ownerId: string, toolCount: number): ToolsCatalog {
  const system = c.system(AGENT_TOOLS, 'Agent tool platform', 'high', ownerId);
  const pairs = VERBS.flatMap((v) => OBJECTS.map((o) => [v, o] as const));
  const tools: number[] = [];
  for (let i = 0; i < toolCount; i++) {
    // A stride coprime with the 340 pairs walks all verbs early (the risky ones too), then versions.
    const [verb, object] = pairs[(i * 7) % pairs.length];
    const version = Math.floor(i / pairs.length);
    const name = `${verb}-${object}${version === 0 ? '' : `-v${version + 1}`}`;
    tools.push(c.entitlement(system, { id: `tool:${name}`, name: `Tool: ${name}`, kind: 'tool', sensitivity: RISKY.has(verb) ? 'high' : 'low', privileged: RISKY.has(verb) || undefined }));
  }
  rng.shuffle(tools);
  const deptToolset = DEPARTMENTS.map((d, i) => {
    const g = c.group(system, `${AGENT_TOOLS}:ts/${d.code}`, `${d.name} toolset`, 'group');
    // Every department gets its own slice of the tools plus a few everyone shares.
    for (let k = 0; k < Math.max(3, Math.round(tools.length / 12)); k++) c.grant(g, tools[(i * 7 + k) % tools.length]);
    return g;
  });
  const divisionToolset = org.divisions.map((div) => {
    const g = c.group(system, `${AGENT_TOOLS}:ts/${div.slug}`, `${div.name} toolset`, 'group', [deptToolset[div.dept]]);
    for (let k = rng.int(1, 4); k > 0; k--) c.grant(g, rng.pick(tools));
    return g;
  });
  return { system, tools, deptToolset, divisionToolset };
}
