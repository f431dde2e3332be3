import { BundleBuilder, type Where } from '../core/bundle-builder';
import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { AgentCard, CardSkill, schemeKind, type CardOptions } from './a2a-schema';
import { cardIds, slug } from './ids';
import { KeptRecords } from '../core/kept-records';
import { formatPath, parseDocumentPayload, type DocPath } from './parse-document';
import { problemOf } from './zod-issues';

const NOTE_ITEMS = 20;

interface Card {
  card: AgentCard;
  at: Where;
  path: DocPath;
  lineOf: (path: DocPath) => number;
  host: string;
  url: string;
}

/**
 * Pure: A2A Agent Cards in, identity-bundle records out. A card is the agent's public profile,
 * so it yields an agent identity, its skills as tools on the provider's system, and no credentials:
 * `securitySchemes` say what a caller must present to the agent, not what the agent itself holds.
 */
export function transformCards(payloads: Payload[], options: CardOptions, ctx: TransformContext): TransformResult {
  const rejects: RejectedCard[] = [];
  const cards = readCards(payloads, rejects);
  // A rejected card's host still counts: the source name must not change because one card is bad,
  // or the full run's cleanup (and keeping what the card loaded before) would look at another source.
  const hosts = [...new Set([...cards.map((c) => c.host), ...rejects.flatMap((r) => (r.named ? [r.named.host] : []))])];
  const name = options.name ?? (hosts.length === 1 ? slug(hosts[0]) : 'cards');
  const b = new BundleBuilder({ source: `a2a:${name}`, mode: 'full', exportedAt: ctx.now.toISOString() });
  const kept = new KeptRecords(b);
  for (const r of rejects) {
    if (!r.named) {
      b.reject(r.at, r.field, r.reason);
      continue;
    }
    // The card is the agent's identity; its account, system and skills are kept beside it.
    const n = r.named;
    const key = `${slug(n.host)}/${slug(n.name)}`;
    const provider = slug(n.organization ?? n.host);
    const accountId = cardIds.account(provider, key);
    b.reject(r.at, r.field, r.reason, { id: `${options.idPrefix}${key}` }, 'identities');
    const cause = `its card was rejected (${r.at.file}:${r.at.line})`;
    kept.node('systems', cardIds.system(provider), r.at, r.field, cause);
    kept.node('accounts', accountId, r.at, r.field, cause);
    for (const skillId of n.skillIds) {
      const entitlementId = cardIds.skill(provider, key, skillId.replace(/[^A-Za-z0-9_.-]+/g, '-'));
      kept.node('entitlements', entitlementId, r.at, r.field, cause);
      kept.grant(accountId, entitlementId, r.at, r.field, cause);
    }
  }

  const seen = new Map<string, Where>();
  const unowned: string[] = [];
  const open: string[] = [];
  const schemes: string[] = [];
  for (const c of cards) {
    // A port is part of the host (two agents may share a name on one machine), but a colon in an id
    // segment reads like a namespace separator, so `host:8080` becomes `host-8080`.
    const key = `${slug(c.host)}/${slug(c.card.name)}`;
    const identityId = `${options.idPrefix}${key}`;
    const first = seen.get(key);
    if (first) {
      b.reject(c.at, formatPath([...c.path, 'name']), `a card for '${c.card.name}' at ${c.host} already came from ${first.file}:${first.line}`);
      continue;
    }
    seen.set(key, c.at);
    const provider = slug(c.card.provider?.organization ?? c.host);
    const kinds = [...new Set(Object.values(c.card.securitySchemes ?? {}).map(schemeKind))].sort();
    const skills = emitSkills(b, c, provider, key, kept);
    b.addOnce('identities', {
      id: identityId,
      kind: 'agent',
      displayName: c.card.name,
      status: 'active',
      ownerId: options.owner,
      purpose: c.card.description,
      attributes: attributesOf(c, options, skills, kinds),
    }, c.at);
    b.addOnce('systems', { id: cardIds.system(provider), name: c.card.provider?.organization ?? c.host }, c.at);
    const accountId = cardIds.account(provider, key);
    b.addOnce('accounts', { id: accountId, systemId: cardIds.system(provider), identityId, username: c.url, status: 'enabled' }, c.at);
    for (const s of skills) b.add('grants', { holderId: accountId, holderType: 'account', entitlementId: s.id }, s.at);

    const where = `${identityId} (${c.at.file}:${c.at.line})`;
    if (!options.owner) unowned.push(where);
    if (!kinds.length && !c.card.security?.length && !c.card.securityRequirements?.length) open.push(where);
    else schemes.push(`${identityId}: ${kinds.join(', ') || 'requirements without schemes'}`);
    if (c.card.supportsAuthenticatedExtendedCard) {
      b.note(`${identityId} has an authenticated extended card that may list more skills; only the public card was read`);
    }
  }
  kept.flush();
  note(b, unowned, 'A2A agent(s) have no owner (pass the `owner` option), so no one is accountable for them');
  note(b, open, 'card(s) declare no security scheme: the agent accepts calls from anyone who can reach it');
  note(b, schemes, 'card(s) declare security schemes; these are what callers must present, recorded as the authSchemes attribute, not as credentials');
  return b.result();
}

interface RejectedCard {
  at: Where;
  field: string;
  reason: string;
  /** What the card still says about whose it is, read leniently: enough to name what it loaded before. */
  named?: { name: string; host: string; organization?: string; skillIds: string[] };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name, host, provider and skill ids of a card that failed the schema, when it still has them. */
function namedCard(raw: unknown): RejectedCard['named'] {
  if (!isRecord(raw)) return undefined;
  const name = text(raw.name);
  const interfaces = [raw.supportedInterfaces, raw.additionalInterfaces].map((l) => (Array.isArray(l) && isRecord(l[0]) ? text(l[0].url) : undefined));
  const url = text(raw.url) ?? interfaces[0] ?? interfaces[1];
  const host = url ? hostOf(url) : null;
  if (!name || !host) return undefined;
  const organization = isRecord(raw.provider) && typeof raw.provider.organization === 'string' ? raw.provider.organization : undefined;
  const skillIds = (Array.isArray(raw.skills) ? raw.skills : []).flatMap((s) => {
    const id = isRecord(s) ? text(s.id) : undefined;
    return id ? [id] : [];
  });
  return { name, host, organization, skillIds };
}

function readCards(payloads: Payload[], rejects: RejectedCard[]): Card[] {
  const out: Card[] = [];
  for (const payload of payloads) {
    const doc = parseDocumentPayload(payload);
    // A file is one card, or a list of cards (a catalog export).
    const entries: Array<[unknown, DocPath]> = Array.isArray(doc.value) ? doc.value.map((v, i) => [v, [i]]) : [[doc.value, []]];
    for (const [raw, path] of entries) {
      const at = { file: doc.file, line: doc.lineOf(path) };
      const parsed = AgentCard.safeParse(raw);
      if (!parsed.success) {
        const problem = problemOf(parsed.error, path);
        rejects.push({ at, ...problem, named: namedCard(raw) });
        continue;
      }
      const card = parsed.data;
      const url = card.url ?? card.supportedInterfaces?.[0]?.url ?? card.additionalInterfaces?.[0]?.url;
      const host = url ? hostOf(url) : null;
      if (!url || !host) {
        rejects.push({ at, field: formatPath([...path, 'url']), reason: url ? `'${url}' is not an absolute http(s) URL` : 'the card names no url (nor supportedInterfaces)' });
        continue;
      }
      out.push({ card, at, path, lineOf: doc.lineOf, host, url });
    }
  }
  return out;
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && u.host ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

function emitSkills(b: BundleBuilder, c: Card, provider: string, key: string, kept: KeptRecords): Array<{ id: string; at: Where; tags: string[] }> {
  const out: Array<{ id: string; at: Where; tags: string[] }> = [];
  c.card.skills.forEach((raw, i) => {
    const path = [...c.path, 'skills', i];
    const at = { file: c.at.file, line: c.lineOf(path) };
    const parsed = CardSkill.safeParse(raw);
    if (!parsed.success) {
      const problem = problemOf(parsed.error, path);
      // A skill that still has its id is the account's grant of it; that grant and the skill are kept.
      const skillId = isRecord(raw) ? text(raw.id) : undefined;
      if (!skillId) return b.reject(at, problem.field, problem.reason);
      const entitlementId = cardIds.skill(provider, key, skillId.replace(/[^A-Za-z0-9_.-]+/g, '-'));
      const holderId = cardIds.account(provider, key);
      b.reject(at, problem.field, problem.reason, { holderId, entitlementId }, 'grants');
      return kept.node('entitlements', entitlementId, at, problem.field, `its skill entry was rejected (${at.file}:${at.line})`);
    }
    const skill: CardSkill = parsed.data;
    const id = cardIds.skill(provider, key, skill.id.replace(/[^A-Za-z0-9_.-]+/g, '-'));
    if (out.some((s) => s.id === id)) return b.reject(at, formatPath([...path, 'id']), `skill id '${skill.id}' repeats within this card`);
    b.addOnce('entitlements', { id, systemId: cardIds.system(provider), name: skill.name, kind: 'tool', description: skill.description }, at);
    out.push({ id, at, tags: skill.tags ?? [] });
  });
  return out;
}

function attributesOf(c: Card, options: CardOptions, skills: Array<{ id: string; tags: string[] }>, kinds: string[]): Record<string, string> {
  const out: Record<string, string> = { platform: 'a2a', a2aUrl: c.url };
  if (c.card.provider?.organization) out.provider = c.card.provider.organization;
  if (c.card.version) out.version = c.card.version;
  if (c.card.protocolVersion) out.protocolVersion = c.card.protocolVersion;
  if (options.ownerTeam) out.ownerTeam = options.ownerTeam;
  if (skills.length) out.tools = skills.map((s) => s.id).sort().join(',');
  const tags = [...new Set(skills.flatMap((s) => s.tags))].sort();
  if (tags.length) out.skillTags = tags.join(',');
  if (kinds.length) out.authSchemes = kinds.join(',');
  const capabilities = Object.entries(c.card.capabilities ?? {}).filter(([, v]) => v === true).map(([k]) => k).sort();
  if (capabilities.length) out.capabilities = capabilities.join(',');
  return out;
}

function note(b: BundleBuilder, items: string[], what: string): void {
  if (!items.length) return;
  const more = items.length > NOTE_ITEMS ? `, and ${items.length - NOTE_ITEMS} more` : '';
  b.note(`${items.length} ${what}: ${items.slice(0, NOTE_ITEMS).join('; ')}${more}`);
}
