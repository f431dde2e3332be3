import { LineCounter, parseDocument, type Document } from 'yaml';
import { WhohasError, errorMessage } from '../../src/errors';
import type { Payload } from '../core/connector';
import { parseJsonPayload } from '../core/payload-files';

export type DocPath = ReadonlyArray<string | number>;

/** A parsed YAML or JSON payload that can say on which line any part of it starts. */
export interface ParsedDocument {
  file: string;
  value: unknown;
  lineOf(path: DocPath): number;
}

/** A file name or a fetched URL (which may carry a query). */
const JSON_NAME = /\.json($|[?#])/i;

/**
 * YAML and JSON share one reader so both get line numbers: a reject is only useful if it points
 * at the line to fix. JSON keeps JSON.parse as the judge of validity (YAML accepts more than
 * JSON does) and uses the YAML parser only to find positions.
 */
export function parseDocumentPayload(payload: Payload): ParsedDocument {
  const isJson = JSON_NAME.test(payload.name);
  const jsonValue = isJson ? parseJsonPayload(payload) : undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(payload.text, { lineCounter, uniqueKeys: !isJson, prettyErrors: false });
  if (!isJson && doc.errors.length) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${payload.name} is not valid YAML at line ${line}: ${message}`, {
      file: payload.name,
      line,
    });
  }
  return {
    file: payload.name,
    value: isJson ? jsonValue : toPlain(doc, payload.name),
    lineOf: (path) => lineOf(doc, lineCounter, path),
  };
}

function toPlain(doc: Document, file: string): unknown {
  try {
    // The alias cap keeps a small file from expanding into gigabytes ("billion laughs").
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file} cannot be read as data: ${errorMessage(e)}`, { file });
  }
}

/** The line where the node at `path` starts; falls back to its nearest ancestor that exists. */
function lineOf(doc: Document, counter: LineCounter, path: DocPath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return 1;
}

/** `agents[2].delegations[0].scope`: the path a person follows in the file. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
