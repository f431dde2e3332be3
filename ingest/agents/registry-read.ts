import { WhohasError } from '../../src/errors';
import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { Payload } from '../core/connector';
import { formatPath, parseDocumentPayload, type DocPath, type ParsedDocument } from './parse-document';
import { AgentCore, RegistryHeader } from './registry-schema';
import { problemOf } from './zod-issues';

export interface AgentEntry {
  doc: ParsedDocument;
  /** Where the entry is in its document: `['agents', 2]`, or `[2]` in a bare list. */
  path: DocPath;
  at: Where;
  platform: string;
  /** Where the platform was named (the header's `system` line), for the system record. */
  platformAt: Where;
  core: AgentCore;
}

/** An entry that failed the schema but named its agent: what it would have produced is kept. */
export interface RejectedAgent {
  id: string;
  raw: Record<string, unknown>;
  doc: ParsedDocument;
  path: DocPath;
  at: Where;
  platform: string;
}

export interface RegistryContent {
  agents: AgentEntry[];
  /** Agents whose entry was rejected, by local id, so what points at them can say so (and keep them). */
  rejected: Map<string, RejectedAgent>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads every registry file; entry-level problems become rejects, file-level ones fail the run. */
export function readRegistry(
  payloads: Payload[],
  defaultPlatform: string,
  identityIdOf: (agentId: string) => string,
  b: BundleBuilder,
): RegistryContent {
  const agents: AgentEntry[] = [];
  const byId = new Map<string, AgentEntry>();
  const rejected = new Map<string, RejectedAgent>();
  for (const payload of payloads) {
    const doc = parseDocumentPayload(payload);
    const { entries, base, platform, platformAt } = readHeader(doc, defaultPlatform);
    entries.forEach((raw, i) => {
      const path = [...base, i];
      const at = { file: doc.file, line: doc.lineOf(path) };
      if (!isPlainObject(raw)) return b.reject(at, formatPath(path), 'an agent must be a mapping of fields (id, owner, tools, ...)');
      const parsed = AgentCore.safeParse(raw);
      if (!parsed.success) {
        const problem = problemOf(parsed.error, path);
        const id = typeof raw.id === 'string' && raw.id.trim() ? raw.id.trim() : undefined;
        // The agent's identity is what the entry is; the rest it would have produced is kept later.
        b.reject(at, problem.field, problem.reason, id ? { id: identityIdOf(id) } : undefined, id ? 'identities' : undefined);
        if (id && !rejected.has(id)) rejected.set(id, { id, raw, doc, path, at, platform });
        return;
      }
      const first = byId.get(parsed.data.id);
      if (first) {
        const where = `${first.at.file}:${first.at.line}`;
        return b.reject(at, formatPath([...path, 'id']), `duplicate agent id '${parsed.data.id}' (first at ${where})`);
      }
      const entry = { doc, path, at, platform, platformAt, core: parsed.data };
      byId.set(entry.core.id, entry);
      agents.push(entry);
    });
  }
  for (const id of byId.keys()) rejected.delete(id);
  return { agents, rejected };
}

/**
 * A header problem (wrong version, unknown top-level field) fails the run instead of rejecting
 * entries: on a full run, a file whose agents all vanished would delete every agent it held.
 */
function readHeader(doc: ParsedDocument, defaultPlatform: string) {
  const top = { file: doc.file, line: 1 };
  if (Array.isArray(doc.value)) return { entries: doc.value, base: [] as DocPath, platform: defaultPlatform, platformAt: top };
  if (!isPlainObject(doc.value)) {
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${doc.file} must hold a list of agents or { version: 1, agents: [...] }`, top);
  }
  const parsed = RegistryHeader.safeParse(doc.value);
  if (!parsed.success) {
    const problem = problemOf(parsed.error, []);
    const line = doc.lineOf(problem.field ? [problem.field.split(/[.[]/)[0]] : []);
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${doc.file} line ${line}: ${problem.reason}`, { file: doc.file, line, field: problem.field });
  }
  const platform = parsed.data.system ?? defaultPlatform;
  const platformAt = parsed.data.system ? { file: doc.file, line: doc.lineOf(['system']) } : top;
  return { entries: parsed.data.agents, base: ['agents'] as DocPath, platform, platformAt };
}
