import type { DirectoryEntry, EntityDirectory, EntryKind } from './directory';
import { nameSimilarity, normalize, tokens } from './fuzzy';

export interface Candidate {
  entry: DirectoryEntry;
  score: number;
}

/** What a phrase names: one thing, several equally likely things, or nothing close enough. */
export type Resolution =
  | { status: 'found'; entry: DirectoryEntry; score: number }
  | { status: 'ambiguous'; candidates: Candidate[] }
  | { status: 'none'; phrase: string; suggestions: Candidate[] };

/** Below this a name is not taken as meant; between it and SURE it is offered as "did you mean". */
const LIKELY = 0.72;
const SURE = 0.86;
/** Candidates this close to the best are equally likely: the question is ambiguous. */
const TIE = 0.04;

/** Words that describe a thing's kind rather than name it ("the Salesforce app", "group MFA Required"). */
const KIND_WORDS = new Set(['the', 'a', 'an', 'to', 'of', 'for', 'our', 'group', 'role', 'entitlement', 'permission', 'permissions', 'right', 'rights', 'access', 'acess', 'accesss', 'account', 'system', 'agent', 'user', 'service', 'identity', 'person', 'employee', 'app', 'application']);

/** Words that join a name to what tells namesakes apart ("Valentina Kowalski from Finance"). */
const JOINERS = new Set(['from', 'in', 'of', 'at', 'the', 'on', 'our', 'team']);

function score(entry: DirectoryEntry, phrase: string, words: string[], bare: string[]): number {
  const lowered = phrase.trim().toLowerCase();
  if (entry.exact.some((x) => x.toLowerCase() === lowered)) return 1;
  if (normalize(entry.name) === normalize(phrase)) return 0.99;
  const full = nameSimilarity(words, entry.words);
  const trimmed = bare.length && bare.length < words.length ? nameSimilarity(bare, entry.words) : 0;
  return Math.max(full, trimmed * 0.98, qualified(entry, words));
}

/** A name plus its department or title: the name must match, and every other word must be in the detail. */
function qualified(entry: DirectoryEntry, words: string[]): number {
  if (entry.kind !== 'identity' || words.length <= entry.words.length || !entry.detail) return 0;
  const detail = new Set(tokens(entry.detail));
  const rest = words.filter((w) => !JOINERS.has(w));
  const nameWords = rest.filter((w) => !detail.has(w));
  if (nameWords.length === rest.length || !nameWords.length) return 0;
  return normalize(nameWords.join(' ')) === normalize(entry.name) ? 0.985 : nameSimilarity(nameWords, entry.words) * 0.97;
}

export function rank(dir: EntityDirectory, phrase: string, kinds: readonly EntryKind[]): Candidate[] {
  const words = tokens(phrase);
  const bare = words.filter((w) => !KIND_WORDS.has(w));
  if (!words.length) return [];
  const out: Candidate[] = [];
  for (const entry of dir.entries) {
    if (!kinds.includes(entry.kind)) continue;
    // Later kinds in the wanted list are fallbacks: an agent's namesake account must not win "who is X".
    const s = score(entry, phrase, words, bare) * (1 - 0.02 * kinds.indexOf(entry.kind));
    if (s >= LIKELY * 0.9) out.push({ entry, score: s });
  }
  // Earlier kinds win ties: a question about "who has X" means the entitlement before a namesake group.
  return out.sort((a, b) => b.score - a.score || kinds.indexOf(a.entry.kind) - kinds.indexOf(b.entry.kind) || (a.entry.id < b.entry.id ? -1 : 1));
}

export function resolve(dir: EntityDirectory, phrase: string, kinds: readonly EntryKind[]): Resolution {
  const ranked = rank(dir, phrase, kinds);
  const best = ranked[0];
  if (!best || best.score < LIKELY) return { status: 'none', phrase, suggestions: ranked.slice(0, 3) };
  const close = ranked.filter((c) => c.score >= best.score - TIE && c.entry.kind === best.entry.kind);
  // The name exactly as typed beats a near one ("approve_payment" over "payments.approve").
  const exactlyOne = best.score >= 0.99 && (ranked[1]?.score ?? 0) < 0.99;
  if (close.length > 1 && best.score < 1 && !exactlyOne) return { status: 'ambiguous', candidates: close.slice(0, 6) };
  // A partial name is enough when nothing else comes close ("SAP" for "SAP S/4HANA Finance").
  const rival = ranked[1];
  if (best.score < SURE && rival && rival.score >= best.score - 0.15) return { status: 'ambiguous', candidates: ranked.filter((c) => c.score >= LIKELY).slice(0, 4) };
  return { status: 'found', entry: best.entry, score: best.score };
}

/**
 * Finds names in a question without knowing where they start: the longest run of words that names
 * something of the wanted kinds with confidence. For questions no pattern recognised.
 */
export function spot(dir: EntityDirectory, text: string, kinds: readonly EntryKind[], maxWords = 6): Array<{ phrase: string; entry: DirectoryEntry; score: number }> {
  const raw = text.split(/\s+/).filter(Boolean);
  const found: Array<{ phrase: string; entry: DirectoryEntry; score: number; at: number; len: number }> = [];
  for (let len = Math.min(maxWords, raw.length); len >= 1; len--) {
    for (let at = 0; at + len <= raw.length; at++) {
      if (found.some((f) => at < f.at + f.len && f.at < at + len)) continue;
      const phrase = raw.slice(at, at + len).join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (!phrase || (len === 1 && phrase.length < 4 && !/[:@]/.test(phrase))) continue;
      const r = resolve(dir, phrase, kinds);
      if (r.status === 'found' && r.score >= 0.9) found.push({ phrase, entry: r.entry, score: r.score, at, len });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ phrase, entry, score: s }) => ({ phrase, entry, score: s }));
}
