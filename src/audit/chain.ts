import { canonicalJson, sha256 } from './canonical';
import { GENESIS, LogEntry } from './records';

/** A record's hash covers every field but the hash itself, including the previous record's hash. */
export function hashOf(entry: Omit<LogEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

export interface ChainBreak {
  /** The record the break is found at (null when the line is not a record at all). */
  seq: number | null;
  /** 1-based line in the log file. */
  line: number;
  reason: string;
}

export interface ChainReport {
  intact: boolean;
  records: number;
  headSeq: number | null;
  headHash: string | null;
  brokenAt: ChainBreak | null;
}

/**
 * Walks the chain from the first line and stops at the first record that does not hold: one whose
 * content no longer matches its hash (it was edited), one that does not link to the record before it
 * (something before it was removed, inserted or rewritten), or a line that is not a record. A log
 * cut short at the end is not detectable from the chain alone: compare `headSeq`/`headHash` with a
 * copy kept elsewhere (the server logs the head after every append).
 */
export function verifyChain(lines: string[]): ChainReport {
  let prev = GENESIS;
  let expected = 1;
  const report = (brokenAt: ChainBreak | null): ChainReport => ({
    intact: brokenAt === null,
    records: expected - 1,
    headSeq: expected > 1 ? expected - 1 : null,
    headHash: expected > 1 ? prev : null,
    brokenAt,
  });
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let raw: unknown;
    try {
      raw = JSON.parse(lines[i]);
    } catch {
      return report({ seq: null, line, reason: `line ${line} is not a JSON record (cut short or overwritten)` });
    }
    const parsed = LogEntry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return report({ seq: null, line, reason: `line ${line} is not a decision-log record (${issue.path.join('.')}: ${issue.message})` });
    }
    const entry = parsed.data;
    if (entry.seq !== expected) {
      return report({ seq: entry.seq, line, reason: `expected record ${expected} at line ${line} but found record ${entry.seq}: records were removed, inserted or reordered` });
    }
    if (entry.prev !== prev) {
      return report({ seq: entry.seq, line, reason: `record ${entry.seq} does not link to record ${expected - 1}: the record before it was changed or replaced` });
    }
    // Hashed as stored, not as parsed: a field someone adds must break the hash too.
    if (hashOf(raw as LogEntry) !== entry.hash) {
      return report({ seq: entry.seq, line, reason: `record ${entry.seq} was altered after it was written: its content no longer matches its hash` });
    }
    prev = entry.hash;
    expected++;
  }
  return report(null);
}
