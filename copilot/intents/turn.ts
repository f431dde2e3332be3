import type { RequestContext } from '../../graphql/context';
import type { Citation } from '../answer';
import type { Memory } from '../conversation';
import type { DirectoryEntry, EntityDirectory, EntryKind } from '../directory/directory';
import { resolve } from '../directory/resolve';
import type { EvidenceLedger } from '../evidence';
import type { Routed } from '../router/intents';
import type { Tool, ToolResult } from '../tools/catalog';

/** One question being answered: the asker's context, the names in the graph, and the evidence gathered so far. */
export interface Turn {
  ctx: RequestContext;
  dir: EntityDirectory;
  memory: Memory;
  ledger: EvidenceLedger;
  routed: Routed;
  question: string;
}

/** A deterministic answer before it is checked against the evidence ledger. */
export interface Draft {
  intent: string;
  text: string;
  citations: Citation[];
  followUps: string[];
}

/** Runs a tool and records what it returned as citable evidence. */
export async function use<T>(turn: Turn, tool: Tool, args: unknown): Promise<T> {
  const result: ToolResult = await tool.run(turn.ctx, tool.args.parse(args));
  turn.ledger.add(...result.citations);
  return result.data as T;
}

export const PRONOUNS = /^(?:he|she|they|them|him|her|it|this|that|this (?:person|agent|service|identity|user|one|entitlement)|that (?:person|agent|service|identity|user|one|entitlement)|the (?:same )?(?:person|agent|service|identity|user))$/i;

/** "her SoD violations", "does he have dormant access": a pronoun in the question points at the last identity discussed. */
export function pronounSubject(turn: Turn): string | undefined {
  return turn.memory.identityId && /\b(?:he|she|they|them|him|her|his|hers|their|its|it)\b/i.test(turn.routed.text) ? 'them' : undefined;
}

export type Slot = { ok: true; entry: DirectoryEntry } | { ok: false; draft: Draft };

const KIND_WORD: Record<EntryKind, string> = { identity: 'identity', group: 'group', entitlement: 'entitlement', system: 'system', account: 'account' };

export function label(e: DirectoryEntry): string {
  return `${e.name} (${e.id}${e.detail ? `; ${e.detail}` : ''})`;
}

/** Resolves a typed name, or answers with "did you mean" / "not found" instead. */
export function resolveSlot(turn: Turn, phrase: string | undefined, kinds: readonly EntryKind[], role: string): Slot {
  const remembered = rememberedFor(turn, phrase, kinds);
  if (remembered) return { ok: true, entry: remembered };
  // "he" or "it" with nothing named earlier in this conversation: ask, rather than search the graph for "he".
  if (!phrase || PRONOUNS.test(phrase)) {
    const earlier = phrase ? ` This conversation has not named one yet.` : '';
    return { ok: false, draft: clarify(turn, `Which ${kinds.map((k) => KIND_WORD[k]).join(' or ')} do you mean as the ${role}?${earlier} Name it, or give its id or email.`, [], []) };
  }
  const r = resolve(turn.dir, phrase, kinds);
  if (r.status === 'found') return { ok: true, entry: r.entry };
  const candidates = r.status === 'ambiguous' ? r.candidates : r.suggestions;
  const citations = candidates.map((c) => citeEntry(c.entry));
  turn.ledger.add(...citations);
  const followUps = candidates.slice(0, 4).map((c) => replacePhrase(turn.question, phrase, c.entry.id));
  if (r.status === 'ambiguous') {
    const list = candidates.map((c) => `- ${label(c.entry)}`).join('\n');
    return { ok: false, draft: clarify(turn, `"${phrase}" could be more than one ${KIND_WORD[candidates[0].entry.kind]}. Did you mean:\n${list}\nAsk again with the id to be sure.`, citations, followUps) };
  }
  const hint = candidates.length ? ` The closest names are:\n${candidates.map((c) => `- ${label(c.entry)}`).join('\n')}` : '';
  return { ok: false, draft: clarify(turn, `I could not find ${article(KIND_WORD[kinds[0]])} ${kinds.map((k) => KIND_WORD[k]).join(' or ')} called "${phrase}" in the graph.${hint}`, citations, followUps) };
}

function rememberedFor(turn: Turn, phrase: string | undefined, kinds: readonly EntryKind[]): DirectoryEntry | undefined {
  if (phrase && !PRONOUNS.test(phrase)) return undefined;
  if (!phrase) return undefined;
  const m = turn.memory;
  for (const k of kinds) {
    const id = k === 'identity' ? m.identityId : k === 'entitlement' ? m.entitlementId : k === 'group' ? m.groupId : undefined;
    const e = id ? turn.dir.get(k, id) : undefined;
    if (e) return e;
  }
  return undefined;
}

export function citeEntry(e: DirectoryEntry): Citation {
  const kind = ({ identity: 'IDENTITY', group: 'GROUP', entitlement: 'ENTITLEMENT', system: 'SYSTEM', account: 'ACCOUNT' } as const)[e.kind];
  return { kind, id: e.id, label: e.name, identityId: null, entitlementId: null, ruleId: null };
}

function replacePhrase(question: string, phrase: string, id: string): string {
  const at = question.toLowerCase().indexOf(phrase.toLowerCase());
  return at < 0 ? `${question.replace(/[?.!\s]+$/, '')} (${id})?` : question.slice(0, at) + id + question.slice(at + phrase.length);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function clarify(turn: Turn, text: string, citations: Citation[], followUps: string[]): Draft {
  return { intent: turn.routed.intent, text, citations, followUps };
}

/** "a, b, c and 4 more" */
export function listOf(items: string[], max = 10): string {
  if (items.length <= max) return items.map((s) => `- ${s}`).join('\n');
  return [...items.slice(0, max).map((s) => `- ${s}`), `- …and ${items.length - max} more`].join('\n');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : 'never';
}
