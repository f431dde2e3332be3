import { Exposition } from '../../src/prometheus-exposition';
import type { ResponseCacheStats } from './response-store';

/**
 * The response cache's counters for /metrics, so an operator can tell whether WHOHAS_RESPONSE_CACHE_MB
 * suits the callers: a high miss share with evictions wants more room; with no evictions, the
 * questions are not repeated (or a write came between them). Nothing when the cache is off.
 */
export function renderCacheMetrics(stats: ResponseCacheStats | null): string {
  if (!stats) return '';
  const out = new Exposition();
  out.counter('whohas_response_cache_requests_total', 'Cacheable GraphQL questions by outcome: hit (a kept answer), miss (computed), bypass (the caller sent no-cache).', [
    [{ outcome: 'hit' }, stats.hits],
    [{ outcome: 'miss' }, stats.misses],
    [{ outcome: 'bypass' }, stats.bypasses],
  ]);
  out.counter('whohas_response_cache_evictions_total', 'Kept answers let go to stay within the budget (not those a write made stale).', [[{}, stats.evictions]]);
  out.gauge('whohas_response_cache_entries', 'Answers kept now.', [[{}, stats.entries]]);
  out.gauge('whohas_response_cache_kept_characters', 'Characters kept now (JSON and keys).', [[{}, stats.chars]]);
  out.gauge('whohas_response_cache_budget_characters', 'The most characters it keeps (WHOHAS_RESPONSE_CACHE_MB).', [[{}, stats.maxChars]]);
  return out.toString();
}
