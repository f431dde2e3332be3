import { ndjsonLines, parseJsonPayload } from '../core/payload-files';
import type { Payload } from '../core/connector';
import type { Where } from '../core/bundle-builder';

/** One JSON value found in a payload, with where it starts (1 for a whole file, the line for NDJSON). */
export interface Document {
  value: unknown;
  at: Where;
}

export interface DocumentsRead {
  documents: Document[];
  /** NDJSON lines that are not JSON: record-level problems, the rest of the file still loads. */
  badLines: Array<{ at: Where; reason: string }>;
  /** Items are then located by their line, not by their position in a list. */
  ndjson: boolean;
}

/**
 * A payload is one JSON document, or NDJSON (by extension, or when a `.json` file is really one
 * object per line). A file that is neither throws BUNDLE_FILE_UNREADABLE naming file and line:
 * a truncated export must fail the run, not load half of it.
 */
export function readDocuments(payload: Payload): DocumentsRead {
  if (!/\.(ndjson|jsonl)$/i.test(payload.name)) {
    try {
      return { documents: [{ value: JSON.parse(payload.text), at: { file: payload.name, line: 1 } }], badLines: [], ndjson: false };
    } catch {
      // Not one JSON document: NDJSON in a .json file, or broken (parseJsonPayload says where).
      if (!looksLikeNdjson(payload.text)) parseJsonPayload(payload);
    }
  }
  const badLines: DocumentsRead['badLines'] = [];
  const documents: Document[] = [];
  const onBad = (line: number, reason: string) => badLines.push({ at: { file: payload.name, line }, reason });
  for (const { line, value } of ndjsonLines(payload, onBad)) documents.push({ value, at: { file: payload.name, line } });
  return { documents, badLines, ndjson: true };
}

/** Two or more non-empty lines, the first a complete JSON object on its own. */
function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  try {
    const first = JSON.parse(lines[0]);
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}
