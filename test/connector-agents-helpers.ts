import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { a2aCardConnector, agentRegistryConnector } from '../ingest/agents';
import type { TransformResult } from '../ingest/core/connector';
import { parseConnectorOptions } from '../ingest/core/run-connector';

/** Shared by the connector-agents*.test.ts files (not a test file itself). */
export const AGENT_FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'agents');
export const REGISTRY_DIR = join(AGENT_FIXTURES, 'registry');
export const CARDS_DIR = join(AGENT_FIXTURES, 'a2a');
export const NOW = new Date('2026-11-01T00:00:00Z');

/** The pure transform on text given inline: what bad-input tests need, with no I/O at all. */
export function registryFrom(text: string, name = 'registry.yaml', options: unknown = {}): TransformResult {
  const opts = parseConnectorOptions(agentRegistryConnector, options);
  return agentRegistryConnector.transform([{ name, text }], opts, { now: NOW });
}

export function cardsFrom(files: Record<string, unknown>, options: unknown = {}): TransformResult {
  const opts = parseConnectorOptions(a2aCardConnector, options);
  const payloads = Object.entries(files).map(([name, card]) => ({ name, text: typeof card === 'string' ? card : JSON.stringify(card, null, 2) }));
  return a2aCardConnector.transform(payloads, opts, { now: NOW });
}

const tempDirs: string[] = [];
process.once('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes files into a fresh temp folder, removed when the test process exits. */
export function writeTemp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-agents-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Record values of one entity, without where they came from. */
export function values<E extends keyof TransformResult['records']>(result: TransformResult, entity: E): Array<Record<string, unknown>> {
  return result.records[entity].map((r) => r.value as Record<string, unknown>);
}

/** A small registry as YAML text; `agents` are YAML lines already indented under `agents:`. */
export function registryYaml(agents: string, header = 'version: 1\nsystem: hub\n'): string {
  return `${header}agents:\n${agents}`;
}
