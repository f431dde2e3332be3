import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GraphStore } from '../../src/store/port';
import { currentGraphVersion } from '../../src/graph-version';
import type { RequestContext } from '../context';
import { documentPolicy } from './cache-policy';
import type { ResponseStore } from './response-store';

/** Sent with every GraphQL answer: `hit` (kept answer), `miss` (computed), `bypass` (the caller sent `Cache-Control: no-cache`), `off` (not reusable). */
export const CACHE_HEADER = 'x-whohas-cache';

type Pending = { key: string; generation: number; timed: string[] };

/**
 * Whole answers to repeated questions, kept until the store is written or something in them
 * expires: agents ask the same question in loops. Only documents whose every field is known to
 * be reusable (cache-policy.ts), from callers with the same roles, and only answers without errors.
 * A store that cannot tell when it was written (no `writeGeneration`: another process may write
 * it) gets no cache. A caller can ask for a computed answer with `Cache-Control: no-cache`.
 */
export function responseCachePlugin(schema: GraphQLSchema, store: GraphStore, answers: ResponseStore): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let pending: Pending | null = null;
      let outcome = 'off';
      return {
        async responseForOperation(rc) {
          const generation = store.writeGeneration?.();
          if (generation === undefined || rc.operation?.operation !== 'query') return null;
          const policy = documentPolicy(schema, rc.document);
          if (!policy.cacheable) return null;
          const key = keyOf(rc);
          if (/no-cache/i.test(rc.request.http?.headers.get('cache-control') ?? '')) {
            outcome = 'bypass';
            answers.noteBypass();
          } else {
            const hit = answers.get(key, generation, rc.contextValue.now);
            if (hit) {
              outcome = 'hit';
              // The shell's stand-in data becomes the kept JSON in stringifyResult (ResponseStore.jsonOf).
              return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit.shell } };
            }
            outcome = 'miss';
          }
          pending = { key, generation, timed: policy.timed };
          return null;
        },
        async willSendResponse(rc) {
          rc.response.http.headers.set(CACHE_HEADER, outcome);
          if (pending) await keep(rc, pending);
        },
      };
    },
  };

  async function keep(rc: GraphQLRequestContext<RequestContext>, pending: Pending): Promise<void> {
    const body = rc.response.body;
    const single = body?.kind === 'single' ? body.singleResult : null;
    const window = rc.contextValue.answer.window(pending.timed);
    const version = await currentGraphVersion(store).catch(() => null);
    // A write that committed during the request may or may not be in its answer: keep nothing.
    if (!single || single.errors || !single.data || !window || !version || store.writeGeneration?.() !== pending.generation) return;
    // Kept when Apollo serializes it (ResponseStore.serialize): the JSON sent is the JSON kept.
    answers.keepWhenSent(single.data, pending.key, { generation: pending.generation, readAt: rc.contextValue.now, until: window.until, graphVersion: version });
  }
}

/** The question and who may see its answer: the same roles see the same fields. */
function keyOf(rc: GraphQLRequestContext<RequestContext>): string {
  const p = rc.contextValue.principal;
  return JSON.stringify([[...p.roles].sort(), p.agentIdentityId, rc.queryHash, rc.operationName ?? null, rc.request.variables ?? {}]);
}
