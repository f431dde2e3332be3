/** One record the run did not load, and why: the user's way back to the exact line to fix. */
export interface Reject {
  file: string;
  /** 1-based line in the file (for `.json` arrays: the element's 1-based position). */
  line: number;
  field: string | null;
  reason: string;
  id?: string;
}

export function formatReject(r: Reject): string {
  const where = r.field ? ` field '${r.field}'` : '';
  return `${r.file}:${r.line}:${where} ${r.reason}`;
}
