import { WhohasError } from '../../src/errors';
import type { BundleBuilder, Where } from '../core/bundle-builder';
import type { Payload } from '../core/connector';
import { classify, endpointOf, isObject, type Found } from './classify';
import { readDocuments } from './documents';

interface PayloadScan {
  found: Found[];
  rejects: Array<{ at: Where; field: string | null; reason: string }>;
  skipped: string[];
  notes: string[];
  isScim: boolean;
}

const UNKNOWN =
  "cannot tell whether this is a SCIM User or Group: it has no 'schemas', no meta.resourceType, no userName and no members";

/**
 * Finds every User and Group in the payloads. Recognised non-resource documents (schemas,
 * errors, PATCH and Bulk messages) become one note per kind; a payload with nothing SCIM in it
 * is noted and skipped, and if no payload is SCIM the run fails with FORMAT_UNKNOWN.
 */
export function scanPayloads(payloads: Payload[], b: BundleBuilder): Found[] {
  const found: Found[] = [];
  const skipped = new Map<string, string[]>();
  const foreign: string[] = [];
  for (const payload of payloads) {
    const scan = scanPayload(payload, found.length);
    if (!scan.isScim) {
      foreign.push(payload.name);
      continue;
    }
    found.push(...scan.found);
    for (const r of scan.rejects) b.reject(r.at, r.field, r.reason);
    for (const what of scan.skipped) skipped.set(what, [...(skipped.get(what) ?? []), payload.name]);
    scan.notes.forEach((n) => b.note(n));
  }
  if (foreign.length === payloads.length) {
    throw new WhohasError(
      'FORMAT_UNKNOWN',
      `${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not SCIM: expected a SCIM User or Group (with "schemas"), ` +
        'a ListResponse, or NDJSON of resources',
    );
  }
  if (foreign.length) b.note(`skipped ${foreign.length} file(s) that hold no SCIM document: ${foreign.join(', ')}`);
  for (const [what, files] of skipped) {
    const unique = [...new Set(files)];
    b.note(`skipped ${what} (not identity data): ${unique.join(', ')}`);
  }
  return found;
}

function scanPayload(payload: Payload, seq0: number): PayloadScan {
  const scan: PayloadScan = { found: [], rejects: [], skipped: [], notes: [], isScim: false };
  const { documents, badLines, ndjson } = readDocuments(payload);
  for (const bad of badLines) scan.rejects.push({ at: bad.at, field: null, reason: bad.reason });
  const endpoint = endpointOf(payload.name);
  const live = endpoint !== null;
  // In a whole-file document, items are numbered by position; in NDJSON, by the line they sit on.
  const item = (at: Where, i: number): Where => (ndjson ? at : { file: at.file, line: i + 1 });

  const visit = (value: unknown, at: Where, inList: boolean): void => {
    if (!isObject(value)) {
      scan.rejects.push({ at, field: null, reason: `expected a SCIM resource object, got ${Array.isArray(value) ? 'an array' : typeof value}` });
      return;
    }
    const c = classify(value, endpoint);
    if (c.is === 'list' && !inList) {
      scan.isScim = true;
      listResponse(value, at, live, scan);
      const resources = Array.isArray(value.Resources) ? value.Resources : [];
      resources.forEach((r, i) => visit(r, item(at, i), true));
    } else if (c.is === 'list') {
      scan.rejects.push({ at, field: null, reason: 'a ListResponse inside a ListResponse' });
    } else if (c.is === 'resource') {
      scan.isScim = true;
      scan.found.push({ kind: c.kind, raw: value, at, seq: seq0 + scan.found.length });
    } else if (c.is === 'other') {
      scan.isScim = true;
      if (!scan.skipped.includes(c.what)) scan.skipped.push(c.what);
    } else {
      scan.rejects.push({ at, field: null, reason: UNKNOWN });
    }
  };
  for (const doc of documents) {
    if (Array.isArray(doc.value)) doc.value.forEach((v, i) => visit(v, item(doc.at, i), true));
    else visit(doc.value, doc.at, false);
  }
  return scan;
}

/** A ListResponse's own checks: Resources must be a list, and a lone page of a larger result is worth a warning. */
function listResponse(value: Record<string, unknown>, at: Where, live: boolean, scan: PayloadScan): void {
  if (value.Resources !== undefined && value.Resources !== null && !Array.isArray(value.Resources)) {
    scan.rejects.push({ at, field: 'Resources', reason: 'must be a list of resources' });
    return;
  }
  const count = Array.isArray(value.Resources) ? value.Resources.length : 0;
  const total = typeof value.totalResults === 'number' ? value.totalResults : null;
  const start = typeof value.startIndex === 'number' ? value.startIndex : 1;
  if (!live && total !== null && total > start - 1 + count) {
    scan.notes.push(
      `${at.file} is one page of a larger result (${count} of ${total} resources from startIndex ${start}); ` +
        'a full run removes what the missing pages supplied before: ingest all pages together or use mode incremental',
    );
  }
}
