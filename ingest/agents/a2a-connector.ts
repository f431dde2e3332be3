import { WhohasError, errorMessage } from '../../src/errors';
import type { Connector, GetContext, Payload, Probe } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { CardOptions } from './a2a-schema';
import { transformCards } from './a2a-transform';

const CARD_NAMES = new Set(['agent.json', 'agent-card.json']);
/** Where A2A servers publish their card: the current name first, then the v0.2 one. */
const WELL_KNOWN = ['/.well-known/agent-card.json', '/.well-known/agent.json'];

function looksLikeCard(head: string): boolean {
  return /"skills"\s*:\s*\[/.test(head) && /"(url|supportedInterfaces)"\s*:/.test(head) && /"(capabilities|defaultInputModes|protocolVersion)"\s*:/.test(head);
}

export const a2aCardConnector: Connector<CardOptions> = {
  format: 'a2a-card',
  description: 'A2A Agent Cards (agent.json / .well-known/agent-card.json), from files, a folder, or an agent URL',
  options: CardOptions,
  // A folder of cards is a snapshot of the agents one knows of; a card that is gone was retired.
  defaultMode: 'full',
  detect(probe: Probe): boolean {
    return probe.names.some((n) => n.endsWith('.json') && (CARD_NAMES.has(n) || looksLikeCard(probe.heads.get(n) ?? '')));
  },
  get(location, options, ctx) {
    if (/^https?:\/\//i.test(location)) return fetchCard(location, options, ctx);
    return readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (name) => name.endsWith('.json') });
  },
  transform: transformCards,
};

/**
 * A card URL is fetched as given; an agent URL is tried at the well-known paths, under its own path
 * first (agents mounted below a prefix serve their card there), then at the host root (RFC 8615).
 */
async function fetchCard(location: string, options: CardOptions, ctx: GetContext): Promise<Payload[]> {
  const base = new URL(location);
  const prefix = base.pathname.replace(/\/+$/, '');
  const roots = prefix ? [prefix, ''] : [''];
  const candidates = base.pathname.endsWith('.json') ? [base.href] : roots.flatMap((r) => WELL_KNOWN.map((p) => new URL(r + p, base).href));
  for (const url of candidates) {
    const signal = ctx.signal ?? AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'follow' });
    } catch (e) {
      throw new WhohasError('SOURCE_UNAVAILABLE', `Could not fetch the agent card at ${url}: ${errorMessage(e)}`, { url });
    }
    if (response.status === 404 && url !== candidates[candidates.length - 1]) continue;
    if (response.status === 401 || response.status === 403) {
      throw new WhohasError('SOURCE_AUTH_FAILED', `${url} answered ${response.status}: the card is not public`, { url });
    }
    if (!response.ok) throw new WhohasError('SOURCE_UNAVAILABLE', `${url} answered ${response.status}`, { url });
    const declared = Number(response.headers.get('content-length') ?? 0);
    const text = declared > ctx.maxFileBytes ? null : await response.text();
    if (text === null || Buffer.byteLength(text) > ctx.maxFileBytes) {
      throw new WhohasError('BUNDLE_FILE_TOO_LARGE', `The agent card at ${url} is above the ${ctx.maxFileBytes} byte limit per file`, { file: url });
    }
    ctx.log?.('fetched agent card', { url, bytes: Buffer.byteLength(text) });
    return [{ name: url, text: text.replace(/^\uFEFF/, '') }];
  }
  throw new WhohasError('SOURCE_UNAVAILABLE', `No agent card at ${candidates.join(' or ')}`, { url: location });
}
