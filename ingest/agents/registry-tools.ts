import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { RecordInput } from '../core/connector';
import { registryIds, slug } from './ids';
import type { KeptRecords } from '../core/kept-records';
import { formatPath } from './parse-document';
import type { AgentEntry } from './registry-read';
import { Tool } from './registry-schema';
import { problemOf } from './zod-issues';

type Sensitivity = NonNullable<RecordInput<'entitlements'>['sensitivity']>;
const RANK: Record<Sensitivity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const NOTE_ITEMS = 20;

interface Declared {
  record: RecordInput<'entitlements'> & { id: string };
  at: Where;
  /** Whether a display name was given; a bare `- tool_id` reference names nothing. */
  named: boolean;
  /** Which risk fields declarations disagree on, and where the first disagreement is. */
  disagree?: { fields: Set<string>; where: string };
}

export interface AgentTool {
  entitlementId: string;
  system: string;
  at: Where;
}

/**
 * Every tool of the registry, once: several agents may list the same tool, and the bare tool id
 * is what delegation scopes use. Declarations that disagree are merged towards the riskier
 * reading (privileged if any says so, highest sensitivity): under-reporting privilege is the
 * failure that hurts, so the merge never hides it, and a note says where they disagree.
 */
export class ToolCatalog {
  private readonly tools = new Map<string, Declared>();
  private readonly byBareId = new Map<string, Set<string>>();

  constructor(
    private readonly b: BundleBuilder,
    private readonly kept: KeptRecords,
  ) {}

  /** Parses one agent's tools; a bad or repeated entry is rejected alone. */
  addAgentTools(agent: AgentEntry): AgentTool[] {
    const out: AgentTool[] = [];
    const seen = new Map<string, Where>();
    agent.core.tools.forEach((raw, i) => {
      const path = [...agent.path, 'tools', i];
      const at = { file: agent.doc.file, line: agent.doc.lineOf(path) };
      const parsed = Tool.safeParse(raw);
      if (!parsed.success) {
        const problem = problemOf(parsed.error, path);
        // The entry was this agent's grant of the tool; if it still names one, that grant (and the
        // tool, and the agent's account on the tool's system) is kept as loaded before.
        const ref = toolRefOf(raw, agent.platform);
        if (!ref) return this.b.reject(at, problem.field, problem.reason);
        const holderId = registryIds.account(ref.system, agent.core.id);
        this.b.reject(at, problem.field, problem.reason, { holderId, entitlementId: ref.entitlementId }, 'grants');
        const cause = `its tool entry was rejected (${at.file}:${at.line})`;
        this.kept.node('entitlements', ref.entitlementId, at, problem.field, cause);
        this.kept.node('systems', registryIds.system(ref.system), at, problem.field, cause);
        this.kept.node('accounts', holderId, at, problem.field, cause);
        return;
      }
      const tool = parsed.data;
      const toolId = tool.id ?? slug(tool.name!);
      const system = tool.system ?? agent.platform;
      const entitlementId = registryIds.tool(system, toolId);
      const first = seen.get(entitlementId);
      if (first) return this.b.reject(at, formatPath(path), `tool '${toolId}' is listed twice for this agent (first at line ${first.line})`);
      seen.set(entitlementId, at);
      const record = { id: entitlementId, systemId: registryIds.system(system), name: tool.name ?? toolId, kind: 'tool' as const, ...pick(tool) };
      this.declare({ record, at, named: tool.name !== undefined });
      const bare = this.byBareId.get(toolId) ?? new Set<string>();
      this.byBareId.set(toolId, bare.add(entitlementId));
      out.push({ entitlementId, system, at });
    });
    return out;
  }

  /** A scope entry that names a tool of this registry, as its entitlement id. */
  resolve(entry: string): { id: string } | { ambiguous: string[] } | null {
    const ids = this.byBareId.get(entry);
    if (!ids) return null;
    return ids.size === 1 ? { id: [...ids][0] } : { ambiguous: [...ids].sort() };
  }

  emit(): void {
    const disagreeing: string[] = [];
    for (const { record, at, disagree } of this.tools.values()) {
      this.b.addOnce('entitlements', record, at);
      if (disagree) disagreeing.push(`${record.id} (${[...disagree.fields].join(', ')}: ${disagree.where})`);
    }
    if (disagreeing.length) {
      const shown = disagreeing.slice(0, NOTE_ITEMS).join('; ') + (disagreeing.length > NOTE_ITEMS ? `; and ${disagreeing.length - NOTE_ITEMS} more` : '');
      this.b.note(`${disagreeing.length} tool(s) are declared differently by different agents; each is loaded with the riskier reading: ${shown}`);
    }
  }

  private declare(next: Declared): void {
    const { record, at } = next;
    const prior = this.tools.get(record.id);
    if (!prior) {
      this.tools.set(record.id, next);
      return;
    }
    const p = prior.record;
    const fields = [
      record.privileged !== undefined && p.privileged !== undefined && record.privileged !== p.privileged ? 'privileged' : '',
      record.sensitivity && p.sensitivity && record.sensitivity !== p.sensitivity ? 'sensitivity' : '',
    ].filter(Boolean);
    if (fields.length) {
      prior.disagree ??= { fields: new Set(), where: `${prior.at.file}:${prior.at.line} vs ${at.file}:${at.line}` };
      for (const f of fields) prior.disagree.fields.add(f);
    }
    prior.record = {
      ...p,
      privileged: p.privileged || record.privileged ? true : (p.privileged ?? record.privileged),
      sensitivity: riskier(p.sensitivity, record.sensitivity),
      description: p.description || record.description,
      name: prior.named || !next.named ? p.name : record.name,
    };
    prior.named ||= next.named;
  }
}

/**
 * The entitlement a tool entry names, also (as far as it can tell) for an entry that failed the
 * schema: its id, else its name as a slug, on its system, else the agent's platform.
 */
export function toolRefOf(raw: unknown, platform: string): { system: string; entitlementId: string } | null {
  const v = typeof raw === 'string' ? { id: raw } : raw;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { id, name, system } = v as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  const toolId = text(id) ?? (text(name) ? slug(text(name)!) : undefined);
  if (!toolId) return null;
  const on = text(system) ?? platform;
  return { system: on, entitlementId: registryIds.tool(on, toolId) };
}

function riskier(a?: Sensitivity, b?: Sensitivity): Sensitivity | undefined {
  if (!a || !b) return a ?? b;
  return RANK[b] > RANK[a] ? b : a;
}

function pick(tool: Tool): Pick<RecordInput<'entitlements'>, 'privileged' | 'sensitivity' | 'description'> {
  return { privileged: tool.privileged, sensitivity: tool.sensitivity, description: tool.description };
}
