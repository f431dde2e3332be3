import type { StoredHop, StoredPath } from './path';

/**
 * How the effective-access index stores one pair's paths (the `paths` text of a grant row).
 *
 * Every access path starts at the holder and ends at the entitlement through a GRANTS edge, and the
 * row already names both, so a stored path keeps only the hops between: one string each, a tag for
 * the (kind, edge) pair and the id, with the edge's expiry after an upper-case tag ("Gexpiry|id").
 * A trailing "=expiry" is the GRANTS edge's expiry. At L the JSON of whole hop objects came to about
 * 780 bytes a grant, most of it the two implied ends and the key names, and Kuzu's relationship
 * COPY has to hold all of it in its page cache (docs/scaling.md).
 *
 * A path this cannot express (a hop shape it has no tag for, an expiry with a "|") is stored as its
 * hop objects, which is also the format indexes built before this codec hold: both decode.
 */
const TAGS: Record<string, { k: StoredHop['k']; e: StoredHop['e'] }> = {
  a: { k: 'account', e: 'OWNS' },
  g: { k: 'group', e: 'MEMBER_OF' },
  r: { k: 'identity', e: 'DELEGATES_TO' },
};
const GRANT_EXPIRY = '=';

/** TAGS read backwards; by comparison, not a key built per hop: at L the index encodes about 15M hops. */
function tagOf(hop: StoredHop): string | null {
  if (hop.d !== undefined) return null;
  if (hop.k === 'account') return hop.e === 'OWNS' ? 'a' : null;
  if (hop.k === 'group') return hop.e === 'MEMBER_OF' ? 'g' : null;
  if (hop.k === 'identity') return hop.e === 'DELEGATES_TO' ? 'r' : null;
  return null;
}

function encodePath(identityId: string, entitlementId: string, path: StoredPath): string[] | StoredPath {
  const first = path[0];
  const last = path[path.length - 1];
  const endsFit = path.length >= 2 && first.k === 'identity' && first.id === identityId && first.e === undefined && first.x === undefined && first.d === undefined
    && last.k === 'entitlement' && last.id === entitlementId && last.e === 'GRANTS' && last.d === undefined && !last.x?.includes('|');
  if (!endsFit) return path;
  const tokens: string[] = [];
  for (let i = 1; i < path.length - 1; i++) {
    const hop = path[i];
    const tag = tagOf(hop);
    if (tag === null || hop.x?.includes('|')) return path;
    tokens.push(hop.x ? `${tag.toUpperCase()}${hop.x}|${hop.id}` : `${tag}${hop.id}`);
  }
  if (last.x) tokens.push(`${GRANT_EXPIRY}${last.x}`);
  return tokens;
}

/** The `paths` text for one (identity, entitlement) row of the index. */
export function encodePaths(identityId: string, entitlementId: string, paths: readonly StoredPath[]): string {
  return JSON.stringify(paths.map((p) => encodePath(identityId, entitlementId, p)));
}

/** A hop object as an older index (or a path the tokens cannot express) stores it; checked by hand, this runs per row read. */
function verbatimHop(value: unknown, at: string): StoredHop {
  const hop = value as StoredHop;
  if (typeof value !== 'object' || value === null || typeof hop.k !== 'string' || typeof hop.id !== 'string') throw new Error(`a hop that is neither a token nor a hop object in ${at}`);
  return hop;
}

function decodeToken(token: string, at: string): StoredHop {
  const tag = token[0] ?? '';
  const shape = TAGS[tag.toLowerCase()];
  if (!shape) throw new Error(`unknown hop tag ${JSON.stringify(tag)} in ${at}`);
  if (tag === tag.toLowerCase()) return { k: shape.k, id: token.slice(1), e: shape.e };
  const bar = token.indexOf('|');
  if (bar < 0) throw new Error(`hop with an expiry but no "|" in ${at}`);
  return { k: shape.k, id: token.slice(bar + 1), e: shape.e, x: token.slice(1, bar) };
}

/**
 * The paths of one index row, as the engine computed them. Throws on text this codec did not write:
 * a corrupt index is a fault to report, not an empty answer.
 */
export function decodePaths(identityId: string, entitlementId: string, text: string): StoredPath[] {
  const at = `the paths of (${identityId}, ${entitlementId})`;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${at} are not a list`);
  return parsed.map((p: unknown): StoredPath => {
    if (!Array.isArray(p)) throw new Error(`a path of ${at} is not a list`);
    if (p.length && typeof p[0] !== 'string') return p.map((h) => verbatimHop(h, at));
    const tokens = p.map((t) => {
      if (typeof t !== 'string') throw new Error(`a path of ${at} mixes tokens and hop objects`);
      return t;
    });
    const grantExpiry = tokens.length && tokens[tokens.length - 1].startsWith(GRANT_EXPIRY) ? tokens[tokens.length - 1].slice(1) : null;
    const middle = grantExpiry === null ? tokens : tokens.slice(0, -1);
    const last: StoredHop = grantExpiry === null ? { k: 'entitlement', id: entitlementId, e: 'GRANTS' } : { k: 'entitlement', id: entitlementId, e: 'GRANTS', x: grantExpiry };
    return [{ k: 'identity', id: identityId }, ...middle.map((t) => decodeToken(t, at)), last];
  });
}
