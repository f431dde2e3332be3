import type { Payload } from '../core/connector';
import { ndjsonLines, parseJsonPayload } from '../core/payload-files';
import { isObj } from './fields';

/** One element of a log payload and where it sits: NDJSON line, or 1-based position in a JSON array. */
export interface Located {
  line: number;
  value: unknown;
}

export type ParsedPayload = { payload: Payload; json: unknown } | { payload: Payload; lines: Located[] };

const NDJSON_NAME = /\.(ndjson|jsonl)(\.gz)?$/i;

/**
 * A log file is one JSON document (an object, an array, CloudTrail's `{"Records": [...]}`) or NDJSON.
 * `.ndjson`/`.jsonl` are NDJSON; anything else is read as one document, and only when that fails
 * but its first line is a complete object on its own is it taken as NDJSON (exports that name NDJSON
 * `.json`). A document that is neither throws, naming the file and line: nothing of it is loaded.
 */
export function parsePayload(payload: Payload, onBadLine: (line: number, reason: string) => void): ParsedPayload {
  if (NDJSON_NAME.test(payload.name)) return { payload, lines: [...ndjsonLines(payload, onBadLine)] };
  if (!payload.text.trim()) return { payload, lines: [] };
  try {
    return { payload, json: JSON.parse(payload.text) };
  } catch {
    if (firstLineIsObject(payload.text)) return { payload, lines: [...ndjsonLines(payload, onBadLine)] };
    return { payload, json: parseJsonPayload(payload) };
  }
}

function firstLineIsObject(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0];
  try {
    return isObj(JSON.parse(first));
  } catch {
    return false;
  }
}

/**
 * The events of a parsed payload. `container` names a wrapper key whose array holds the events
 * (CloudTrail's `Records`), in a whole document or on an NDJSON line.
 */
export function* eventsOf(parsed: ParsedPayload, container?: string): Generator<Located> {
  if ('lines' in parsed) {
    for (const item of parsed.lines) {
      const inner = container ? containerItems(item.value, container) : null;
      if (inner) for (const value of inner) yield { line: item.line, value };
      else yield item;
    }
    return;
  }
  const inner = container ? containerItems(parsed.json, container) : null;
  const list = inner ?? (Array.isArray(parsed.json) ? parsed.json : [parsed.json]);
  for (let i = 0; i < list.length; i++) yield { line: i + 1, value: list[i] };
}

function containerItems(value: unknown, key: string): unknown[] | null {
  return isObj(value) && Array.isArray(value[key]) ? (value[key] as unknown[]) : null;
}

export type Unwrapped = { event: unknown } | { skip: string };

/**
 * Panther's rule tests hold each event under `log`, beside its labels (`rule_id`, `log_types`,
 * `expected_result`). Rows labelled with another log type (or none: scheduled-query results,
 * baseline statistics) are not events of this format and are skipped, not rejected.
 */
export function unwrapLabelled(value: unknown, logType: string): Unwrapped {
  if (!isObj(value) || !isObj(value.log) || !('log_types' in value || 'rule_id' in value || 'expected_result' in value)) {
    return { event: value };
  }
  const types = value.log_types;
  if (Array.isArray(types) && types.includes(logType)) return { event: value.log };
  if (types === undefined) return { event: value.log };
  return { skip: `labelled rows that are not ${logType} events (log_types: ${Array.isArray(types) ? types.join(', ') || 'none' : 'none'})` };
}
